/** Offline there is no Stripe to send the viewer to. */
export function OfflineRedirectNotice() {
  return (
    <p role="status" className="demo-notice">
      Stripe’s billing portal is not part of the offline demo. Run <code>npm start</code> for the live stack.
    </p>
  );
}
