// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { call } from '../../api';
import { boot } from '../../app/actions';
import { getState } from '../../app/store';
import { installRealApi } from '../../../test-support/real-api';
import { SchemaEditor } from './SchemaEditor';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

it('after "Move down" each row shows its own label’s examples, and editing them writes to that label', async () => {
  const api = await installRealApi();
  cleanups.push(api.stop);
  await boot();
  const [first, second] = getState().corpus!.meta.schema.labels;
  render(<SchemaEditor />);
  const user = userEvent.setup();
  const rows = () => screen.getAllByTestId('schema-row');
  await user.click(within(rows()[0]!).getByRole('button', { name: 'Move down' }));

  // the row now first is the second label, with its own examples
  expect(within(rows()[0]!).getByTestId<HTMLInputElement>('schema-name').value).toBe(second!.name);
  expect(within(rows()[0]!).getByTestId<HTMLInputElement>('schema-examples').value).toBe(second!.examples.join('; '));
  expect(within(rows()[1]!).getByTestId<HTMLInputElement>('schema-examples').value).toBe(first!.examples.join('; '));

  // visiting the field and leaving it must not copy another label's examples
  await user.click(within(rows()[0]!).getByTestId('schema-examples'));
  await user.click(within(rows()[1]!).getByTestId('schema-examples'));
  await user.type(within(rows()[1]!).getByTestId('schema-examples'), '; one more');
  await user.click(screen.getByTestId('schema-save'));
  await waitFor(() => expect(getState().notices.map((n) => n.message)).toContain('Label schema saved.'));

  const saved = (await call('corpus:current', {}))!.meta.schema.labels;
  expect(saved.map((l) => l.name).slice(0, 2)).toEqual([second!.name, first!.name]);
  expect(saved[0]!.examples).toEqual(second!.examples);
  expect(saved[1]!.examples).toEqual([...first!.examples, 'one more']);
});
