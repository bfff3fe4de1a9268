// What the end-to-end tests share: workflows to import, and the steps a person takes to
// import them, add a customer and move around.
import { expect } from '@playwright/test';

const condition = (value) => ({
  compare: { field: 'trigger.data.object.name', op: 'starts_with', value, kind: 'string' },
});

/** The seed's workflow: on customer.created, if the name starts with "Jean", tag the
 * customer and email the team. */
export const welcomeJean = {
  format_version: 1, id: 'wf_e2e_jean', name: 'Welcome Jean', status: 'active',
  trigger: { event_type: 'customer.created', condition: condition('Jean') },
  steps: [
    { type: 'action', id: 'step_tag', action: 'customers.update',
      params: { customer: '{{trigger.data.object.id}}', metadata: { greeted: 'yes' } } },
    { type: 'email', id: 'step_mail', to: 'team@example.com',
      subject: 'New customer {{trigger.data.object.name}}',
      body: 'Say hello to {{trigger.data.object.name}}.',
      rows: [{ label: 'Customer', value: '{{trigger.data.object.id}}' }] },
  ],
  created: 1700000000, updated: 1700000000,
};

/** Runs on every new customer and fails: the customer it updates does not exist. */
export const broken = {
  format_version: 1, id: 'wf_e2e_broken', name: 'Tag a missing customer', status: 'active',
  trigger: { event_type: 'customer.created' },
  steps: [{ type: 'action', id: 'step_missing', action: 'customers.update',
    params: { customer: 'cus_doesnotexist', metadata: { x: '1' } } }],
  created: 1700000000, updated: 1700000000,
};

/** Emails the team about every new customer. */
export const everyCustomer = {
  format_version: 1, id: 'wf_e2e_all', name: 'Every new customer', status: 'active',
  trigger: { event_type: 'customer.created' },
  steps: [{ type: 'email', id: 'step_all', to: 'team@example.com', subject: 'New customer', body: '', rows: [] }],
  created: 1700000000, updated: 1700000000,
};

/** `t`: the labels' language (words.mjs); English when not given. */
const english = { t: (text, values = {}) => text.replace(/\{(\w+)\}/g, (w, k) => (k in values ? String(values[k]) : w)) };

export async function importWorkflows(page, workflows, { t } = english) {
  await page.goto('/workflows');
  const input = page.getByLabel(t('Import workflows'));
  await expect(input).toBeEnabled();
  await input.setInputFiles({
    name: 'workflows.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format_version: 1, workflows })),
  });
  const n = workflows.length;
  await expect(page.getByText(t(n === 1 ? 'Imported {count} workflow' : 'Imported {count} workflows', { count: n }))).toBeVisible();
}

export async function addCustomer(page, name, email, { t } = english) {
  await nav(page, t('Customers'), { t });
  await page.getByRole('button', { name: t('+ New customer') }).click();
  const dialog = page.getByRole('dialog', { name: t('New customer') });
  await dialog.getByLabel(t('Name')).fill(name);
  if (email) await dialog.getByLabel(t('Email')).fill(email);
  await dialog.getByRole('button', { name: t('Add customer') }).click();
  return dialog;
}

/** Follows a link of the sidebar. */
export async function nav(page, name, { t } = english) {
  await page.getByRole('navigation', { name: t('Main') }).getByRole('link', { name, exact: true }).click();
}

export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { errors.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
  return errors;
}

/** Sends one event of `type` from the Event generator; resolves with its id. */
export async function sendEvent(page, type) {
  await page.goto(`/event-generator?type=${type}`);
  await page.getByRole('button', { name: 'Send event', exact: true }).click();
  const report = page.getByRole('region', { name: 'Event sent' });
  const escaped = type.replace(/\./g, '\\.');
  await expect(report).toContainText(new RegExp(`${escaped}\\s+evt_\\w+`));
  return (await report.locator('code').nth(1).innerText()).trim();
}

/** Sends `count` events of `type` in bulk from the Event generator and waits until the
 * page says they are all done (stored), within `timeout` ms. */
export async function sendBulk(page, type, count, timeout) {
  await page.goto(`/event-generator?type=${type}`);
  await page.getByLabel('Number of events').fill(String(count));
  await page.getByRole('button', { name: 'Send in bulk' }).click();
  await expect(page.getByText(`Done ${count} of ${count} events`)).toBeVisible({ timeout });
}

/** Refuses the requests matching `pattern`, as with no network, until the function it
 * resolves with is called. */
export async function refuseUntilAllowed(page, pattern) {
  let refuse = true;
  await page.route(pattern, (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  return () => { refuse = false; };
}
