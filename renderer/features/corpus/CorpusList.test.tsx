// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { boot } from '../../app/actions';
import { installRealApi } from '../../../test-support/real-api';
import { Notices } from '../Notices';
import { CorpusList } from './CorpusList';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  cleanup();
  for (const c of cleanups.splice(0)) await c();
});

it('a failed start shows its error beside an empty corpus list instead of looping React', async () => {
  // a file stands where the sample corpus folder goes: the real handlers cannot make the first corpus
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'spanmark-badboot-'));
  await writeFile(path.join(tmp, 'Sample corpus'), 'not a folder');
  const api = await installRealApi(tmp);
  cleanups.push(async () => {
    await api.stop();
    await rm(tmp, { recursive: true, force: true });
  });
  await boot();
  render(
    <>
      <Notices />
      <CorpusList />
    </>,
  );
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/ENOTDIR|not a directory|EEXIST/i));
});
