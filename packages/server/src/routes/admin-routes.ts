import { auditActorOf } from '../auth/audit-actor.js';
import { notFound } from '../billing-error.js';
import { findAccount } from '../domain/accounts/accounts.js';
import { customerDetail } from '../domain/admin/customer-detail.js';
import { listCustomers } from '../domain/admin/customer-list.js';
import { reconcile } from '../domain/admin/reconcile.js';
import { listAudit } from '../domain/audit/audit-log.js';
import { listInvoices } from '../domain/invoices/invoice-list.js';
import type { RouteHandlers } from '../http/route-handler.js';
import type { BillingServices } from '../services.js';

export function adminRoutes(services: BillingServices): RouteHandlers {
  const { db } = services;
  return {
    adminListCustomers: async ({ query }) => listCustomers(db, await services.catalog(), query),
    adminGetCustomer: ({ params }) => customerDetail(services, params.accountId),
    async adminListAudit({ params, query }) {
      if (!(await findAccount(db, params.accountId))) throw notFound('Account');
      return listAudit(db, params.accountId, query);
    },
    adminListInvoices: ({ query }) => listInvoices(db, query),
    adminReconcile: ({ body, identity }) => reconcile(services, body, auditActorOf(identity)),
  };
}
