// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { renderDemo } from '../test/render-demo.tsx';

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });

test('the admin console is only for the admin persona', async () => {
  const { user } = renderDemo({ as: 'pro', page: 'admin' });
  expect(within(mainNav()).queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  expect(screen.getByRole('heading', { level: 1, name: 'Admin console' })).toBeInTheDocument();
  expect(screen.getByText(/The admin console is for Quill’s operators/)).toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Metrics' })).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'View as Admin' }));

  expect(screen.getByRole('combobox', { name: 'Viewing as' })).toHaveValue('admin');
  expect(within(mainNav()).getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
  expect(await screen.findByRole('heading', { name: 'Metrics' })).toBeInTheDocument();
});

test('the admin persona sees the customers of the platform', async () => {
  renderDemo({ as: 'admin', page: 'admin' });
  expect(await screen.findByRole('heading', { name: 'Metrics' })).toBeInTheDocument();
  expect(await screen.findByRole('table', { name: 'Customers' })).toBeInTheDocument();
  expect(screen.getByRole('searchbox', { name: 'Search' })).toBeInTheDocument();
});

test('switching from the admin to a customer on the console lands on Write', async () => {
  const { user } = renderDemo({ as: 'admin', page: 'admin' });
  await user.selectOptions(screen.getByRole('combobox', { name: 'Viewing as' }), 'Pro near quota');
  expect(window.location.hash).toBe('#/write');
  expect(screen.getByRole('heading', { level: 1, name: 'Write' })).toBeInTheDocument();
});

test('an admin without an account of their own (as live) goes to the console and sees only its link', async () => {
  const { user } = renderDemo({
    as: 'pro',
    page: 'billing',
    session: (offline) => ({
      ...offline,
      personas: offline.personas.map((persona) =>
        persona.role === 'admin' ? { ...persona, accountId: null } : persona,
      ),
    }),
  });
  await user.selectOptions(screen.getByRole('combobox', { name: 'Viewing as' }), 'Admin');

  expect(window.location.hash).toBe('#/admin');
  expect(
    within(mainNav())
      .getAllByRole('link')
      .map((link) => link.textContent),
  ).toEqual(['Admin']);
  expect(await screen.findByRole('heading', { name: 'Metrics' })).toBeInTheDocument();
});
