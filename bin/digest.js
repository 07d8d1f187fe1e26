#!/usr/bin/env node
// Loads the TypeScript CLI through tsx's loader so `npx digest` works in a clone without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
