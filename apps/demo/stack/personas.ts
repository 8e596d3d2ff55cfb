import { SignJWT } from 'jose';

export type PersonaId = 'free' | 'trialing' | 'pro' | 'past_due' | 'enterprise' | 'admin';

/** One clickable identity of the demo; the UI engineer codes against this shape (`GET /demo/session`). */
export interface Persona {
  id: PersonaId;
  label: string;
  description: string;
  accountId: string | null;
  role: 'member' | 'admin';
  email: string;
  token: string;
}

export interface PersonaDefinition extends Omit<Persona, 'token'> {
  userId: string;
  name: string;
}

export const personaDefinitions: readonly PersonaDefinition[] = [
  {
    id: 'free',
    label: 'Free',
    description: 'No subscription: 5 credits a day, a few already spent today.',
    accountId: 'acct_demo_free',
    userId: 'user_demo_maya',
    name: 'Maya Lopez',
    role: 'member',
    email: 'maya.lopez@demo.example',
  },
  {
    id: 'trialing',
    label: 'Pro trial',
    description: 'Started a 14-day Pro trial five days ago; the first invoice comes when it ends.',
    accountId: 'acct_demo_trial',
    userId: 'user_demo_leo',
    name: 'Leo Park',
    role: 'member',
    email: 'leo.park@demo.example',
  },
  {
    id: 'pro',
    label: 'Pro',
    description:
      'Pro monthly for months: about 340 of 400 credits used this period, a 100-credit pack and Priority support.',
    accountId: 'acct_demo_pro',
    userId: 'user_demo_ada',
    name: 'Ada Quinn',
    role: 'member',
    email: 'ada.quinn@demo.example',
  },
  {
    id: 'past_due',
    label: 'Past due',
    description:
      'Starter monthly; the latest renewal was declined, so the invoice is open and Stripe retries.',
    accountId: 'acct_demo_past_due',
    userId: 'user_demo_sam',
    name: 'Sam Rivera',
    role: 'member',
    email: 'sam.rivera@demo.example',
  },
  {
    id: 'enterprise',
    label: 'Enterprise',
    description: 'A contract signed with sales: unlimited everything, SSO and API access, invoiced monthly.',
    accountId: 'acct_demo_globex',
    userId: 'user_demo_hank',
    name: 'Globex Corporation',
    role: 'member',
    email: 'billing@globex.example',
  },
  {
    id: 'admin',
    label: 'Platform admin',
    description: 'Operates the platform: every customer, invoice and metric, and credit grants.',
    accountId: null,
    userId: 'user_demo_olivia',
    name: 'Olivia Admin',
    role: 'admin',
    email: 'olivia@billing-kit.example',
  },
];

export function personaDefinition(id: PersonaId): PersonaDefinition {
  const found = personaDefinitions.find((persona) => persona.id === id);
  if (!found) throw new Error(`Unknown persona ${id}`);
  return found;
}

/** The bearer token the billing API's default `identify` (jose, HS256) accepts for the persona. */
export async function signPersonaToken(persona: PersonaDefinition, secret: string): Promise<string> {
  return new SignJWT({
    ...(persona.accountId ? { account_id: persona.accountId } : {}),
    role: persona.role,
    name: persona.name,
    email: persona.email,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(persona.userId)
    .setIssuedAt()
    .sign(new TextEncoder().encode(secret));
}

export async function signPersonas(secret: string): Promise<Persona[]> {
  return Promise.all(
    personaDefinitions.map(async ({ userId: _userId, name: _name, ...persona }) => ({
      ...persona,
      token: await signPersonaToken(personaDefinition(persona.id), secret),
    })),
  );
}
