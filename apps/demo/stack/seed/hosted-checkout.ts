/** Pays on the emulator's hosted Checkout page as a browser without JavaScript would. */
export async function payOnHostedCheckout(url: string, card = '4242 4242 4242 4242'): Promise<void> {
  const page = await fetch(url);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`No payment form on ${url}`);
  const response = await fetch(new URL(action, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ card_number: card, expiry: '12 / 34', cvc: '123' }).toString(),
    redirect: 'manual',
  });
  if (response.status >= 400) throw new Error(`Hosted checkout answered ${response.status}`);
}
