import childProcess from 'node:child_process';
import crypto from 'node:crypto';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import zlib from 'node:zlib';
import { time } from './time.js';

// Made by a pure call: reading `Response.prototype` and `dns.promises` at import would keep this file in every bundle.
/** The objects the patches mutate, by the name {@link getOriginal} and {@link isObjectPatched} take. */
export const patchableModules: Readonly<Record<string, object>> = /* @__PURE__ */ (() => ({
  time,
  globalThis,
  'Response.prototype': Response.prototype,
  'node:child_process': childProcess,
  'node:crypto': crypto,
  'node:dns/promises': dns.promises,
  'node:fs': fs,
  'node:fs/promises': fs.promises,
  'node:http': http,
  'node:https': https,
  'node:net': net,
  'node:timers': timers,
  'node:timers/promises': timersPromises,
  'node:zlib': zlib,
}))();
