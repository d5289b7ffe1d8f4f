// `node --import ./register.mjs`: every import of 'electron' gets the recorded fake.
import { registerHooks } from 'node:module';

const fake = new URL('./fake-electron.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: fake, shortCircuit: true, format: 'module' };
    return next(specifier, context);
  },
});
