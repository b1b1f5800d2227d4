#!/usr/bin/env node
// Load client for nodeim and the reference relay: raw WebSockets (the `ws` package) with
// hand-written Engine.IO v4 / Socket.IO v5 framing, so that the server, not the client, is
// what is measured. See README.md for the scenarios, options and output.
//
//   node load.js --relay http://127.0.0.1:3900 --target http://127.0.0.1:8080 [options]
//
// Either --relay or --target may be left out to measure one server only.
'use strict';

const fs = require('fs');
const { performance } = require('perf_hooks');
const WebSocket = require('ws');

// ---------------------------------------------------------------- options

const SCENARIOS = ['pairs', 'rate', 'room', 'burst', 'signin', 'idle'];

/** The scenarios whose figures depend on a warm message path (the JIT warm-up runs before them). */
const MESSAGE_SCENARIOS = ['pairs', 'rate', 'room', 'burst'];

const OPTION_SPECS = [
  // flag, env, key, type, default, help
  ['relay', 'RELAY_URL', 'relay', 'str', null, 'reference relay URL'],
  ['target', 'TARGET_URL', 'target', 'str', null, 'server under test URL'],
  ['target-label', 'TARGET_LABEL', 'targetLabel', 'str', 'nodeim', 'name of the server under test in the output'],
  ['path', 'SIO_PATH', 'path', 'str', '/socket.io/', 'Socket.IO path on the servers'],
  ['only', 'ONLY', 'only', 'str', SCENARIOS.filter((s) => s !== 'idle').join(','), 'scenarios to run, comma-separated (idle only when named)'],
  ['reps', 'REPS', 'reps', 'int', 1, 'rounds per scenario (relay, target, relay, target, ...)'],
  ['n', 'N', 'n', 'int', 100, 'pairs/rate: signed-in users (even)'],
  ['w', 'W', 'w', 'int', 4, 'pairs: unacknowledged messages in flight per sender'],
  ['warmup', 'WARMUP', 'warmup', 'num', 5, 'pairs/rate/room: warm-up seconds; burst: 0 skips the warm-up burst'],
  ['measure', 'MEASURE', 'measure', 'num', 10, 'pairs/rate/room: measured seconds'],
  ['jit-warmup', 'JIT_WARMUP', 'jitWarmup', 'num', 120, 'seconds of unreported pairs load on each server before the first message scenario, so that a JVM is measured once its JIT compiler has settled (0: none)'],
  ['signin-jit-warmup', 'SIGNIN_JIT_WARMUP', 'signinJitWarmup', 'num', 60, 'signin: seconds of unreported token signins (each on a fresh connection) on each server before the first signin round, for the same reason (0: none)'],
  ['rate', 'R', 'rate', 'num', 5000, 'rate: offered messages/s, all senders together'],
  ['backlog', 'BACKLOG', 'backlog', 'num', 1, 'rate: stop offering when more than R x this many seconds of messages are unanswered'],
  ['members', 'M', 'members', 'int', 1000, 'room: online members'],
  ['room-rate', 'K', 'roomRate', 'num', 10, 'room: room messages/s posted by one member'],
  ['burst', 'S', 'burst', 'int', 2000, 'burst: messages sent back to back'],
  ['signin-users', 'U', 'signinUsers', 'int', 100, 'signin: fresh users to sign up and sign in'],
  ['signin-concurrency', 'C', 'signinConcurrency', 'int', 16, 'signin: concurrent signups/signins'],
  ['token-repeat', 'K_TOKEN', 'tokenRepeat', 'int', 50, 'signin: token signins per user (each on a fresh connection)'],
  ['idle-connections', 'I', 'idleConnections', 'int', 2000, 'idle: signed-in connections held open, then dropped and reconnected at once'],
  ['idle-hold', 'IDLE_HOLD', 'idleHold', 'int', 60, 'idle: seconds the connections stay idle (heartbeats only)'],
  ['server-pid', 'SERVER_PID', 'serverPid', 'int', 0, 'idle: process id of the target server, to read its heap after a full GC with jcmd (0: not measured)'],
  ['setup-concurrency', 'SETUP_C', 'setupConcurrency', 'int', 8, 'concurrent signups/signins/joins while preparing users'],
  ['drain', 'DRAIN', 'drain', 'num', 10, 'seconds to wait for outstanding acks/deliveries after sending stops'],
  ['timeout', 'TIMEOUT', 'timeout', 'num', 60, 'seconds before a command, connection or burst is given up'],
  ['max-time', 'MAX_TIME', 'maxTime', 'num', 3600, 'seconds after which the whole run is aborted'],
  ['json', 'JSON_OUT', 'json', 'str', null, 'write all results as JSON to this file'],
];

function usage() {
  const lines = ['usage: node load.js [--relay URL] [--target URL] [options]', '', 'options (flag, environment variable, default):'];
  for (const [flag, env, , , def, help] of OPTION_SPECS) {
    lines.push(`  --${flag.padEnd(20)} ${env.padEnd(13)} ${String(def === null ? '-' : def).padEnd(29)} ${help}`);
  }
  return lines.join('\n');
}

function parseOptions(argv, env) {
  const opts = {};
  const byFlag = new Map();
  for (const spec of OPTION_SPECS) {
    const [flag, envName, key, type, def] = spec;
    byFlag.set(flag, spec);
    opts[key] = env[envName] !== undefined && env[envName] !== '' ? convert(env[envName], type, envName) : def;
  }
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      console.log(usage());
      process.exit(0);
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}\n${usage()}`);
    arg = arg.slice(2);
    let value;
    const eq = arg.indexOf('=');
    if (eq >= 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const spec = byFlag.get(arg);
    if (!spec) throw new Error(`unknown option --${arg}\n${usage()}`);
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new Error(`--${arg} needs a value`);
      value = argv[++i];
    }
    opts[spec[2]] = convert(value, spec[3], '--' + arg);
  }
  opts.scenarios = String(opts.only).split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of opts.scenarios) if (!SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s} (known: ${SCENARIOS.join(', ')})`);
  if (!opts.relay && !opts.target) throw new Error('give --relay URL and/or --target URL');
  if (opts.n < 2) throw new Error('N must be at least 2');
  if (opts.n % 2) opts.n -= 1;
  const positive = ['reps', 'w', 'measure', 'rate', 'members', 'roomRate', 'burst', 'signinUsers', 'signinConcurrency', 'tokenRepeat', 'idleConnections', 'idleHold', 'setupConcurrency', 'timeout', 'maxTime'];
  for (const k of positive) if (!(opts[k] > 0)) throw new Error(`${k} must be positive`);
  if (opts.members < 2) throw new Error('M must be at least 2');
  if (!(opts.backlog > 0)) throw new Error('backlog must be positive');
  if (!(opts.warmup >= 0) || !(opts.drain >= 0)) throw new Error('warm-up and drain must be >= 0');
  // Bounds that keep every loop finite and the memory small.
  if (opts.rate * (opts.warmup + opts.measure) > 5e6) throw new Error('R x (warm-up + measure) over 5,000,000 messages');
  if (opts.burst > 1e6) throw new Error('S over 1,000,000');
  if (opts.members * opts.roomRate * (opts.warmup + opts.measure) > 5e7) throw new Error('M x K x (warm-up + measure) over 50,000,000');
  if (opts.members > 10000 || opts.n > 10000 || opts.signinUsers > 100000) throw new Error('M, N over 10,000 or U over 100,000');
  if (opts.idleConnections > 30000) throw new Error('I over 30,000');
  return opts;
}

function convert(v, type, name) {
  if (type === 'str') return String(v);
  const n = Number(v);
  if (!Number.isFinite(n) || (type === 'int' && !Number.isInteger(n))) throw new Error(`${name}: not a ${type === 'int' ? 'whole ' : ''}number: ${v}`);
  return n;
}

function isLoopback(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function socketUrl(base, path) {
  const u = new URL(base);
  if (!isLoopback(u.hostname)) throw new Error(`${base}: only loopback addresses (127.0.0.0/8, localhost, ::1) are allowed`);
  const proto = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  const p = path.endsWith('/') ? path : path + '/';
  return `${proto}//${u.host}${p}?EIO=4&transport=websocket`;
}

// ---------------------------------------------------------------- small helpers

const now = () => performance.now();

/** Measures this process's CPU use (% of one core) between two instants given as now() values. */
function cpuMeter(startAt, endAt) {
  const m = { pct: null };
  let c0 = null;
  let w0 = 0;
  const t1 = setTimeout(() => {
    c0 = process.cpuUsage();
    w0 = now();
  }, Math.max(0, startAt - now()));
  const t2 = setTimeout(() => {
    if (c0 === null) return;
    const d = process.cpuUsage(c0);
    m.pct = ((d.user + d.system) / 1000 / (now() - w0)) * 100;
  }, Math.max(0, endAt - now()));
  m.cancel = () => {
    clearTimeout(t1);
    clearTimeout(t2);
  };
  return m;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function log(msg) {
  process.stderr.write(msg + '\n');
}

/** Growable array of latency samples (ms); Infinity stands for "never arrived". */
class Samples {
  constructor(capacity = 1024) {
    this.a = new Float64Array(capacity);
    this.n = 0;
  }

  add(v) {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }

  sorted() {
    return this.a.slice(0, this.n).sort();
  }
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** Per-sender record of sent messages, indexed by sequence number. */
const ACKED = 1;
const FAILED = 2;
const DELIVERED = 4;

class SeqLog {
  constructor() {
    this.sentAt = new Float64Array(256);
    this.state = new Uint8Array(256);
  }

  ensure(seq) {
    if (seq < this.state.length) return;
    let len = this.state.length;
    while (len <= seq) len *= 2;
    const s = new Float64Array(len);
    s.set(this.sentAt);
    this.sentAt = s;
    const t = new Uint8Array(len);
    t.set(this.state);
    this.state = t;
  }
}

async function withConcurrency(count, concurrency, fn) {
  let next = 0;
  const workers = [];
  for (let w = 0; w < Math.min(concurrency, count); w++) {
    workers.push((async () => {
      while (next < count) {
        const i = next++;
        try {
          await fn(i, w);
        } catch (e) {
          next = count; // the other workers take nothing more
          throw e;
        }
      }
    })());
  }
  await Promise.all(workers);
}

function progress(label, total) {
  let done = 0;
  let lastPrint = now();
  const start = now();
  return () => {
    done++;
    const t = now();
    if (done === total || t - lastPrint > 2000) {
      lastPrint = t;
      const rate = done / ((t - start) / 1000);
      log(`  ${label}: ${done}/${total} (${rate.toFixed(1)}/s)`);
    }
  };
}

// ---------------------------------------------------------------- wire

const ZERO_MASK = (mask) => {
  // A zero masking key is valid and lets `ws` skip masking the payload.
  mask[0] = 0;
  mask[1] = 0;
  mask[2] = 0;
  mask[3] = 0;
};
const CODE_200 = Buffer.from('"code":200');
const MESSAGE_KEY = Buffer.from('"message":"');

function isOk(buf, from) {
  const j = buf.indexOf(CODE_200, from);
  if (j < 0) return false;
  const c = buf[j + 10];
  return !(c >= 48 && c <= 57);
}

/** Whether an event frame whose arguments start at `from` (`42[` or `42<ackId>[`) is a `message` event. */
function isMessageEvent(buf, from) {
  return buf.length > from + 11 && buf[from] === 91 && buf[from + 1] === 34 && buf[from + 2] === 109
    && buf[from + 3] === 101 && buf[from + 4] === 115 && buf[from + 5] === 115 && buf[from + 6] === 97
    && buf[from + 7] === 103 && buf[from + 8] === 101 && buf[from + 9] === 34 && buf[from + 10] === 44;
}

// Result of parseText(): the kind ('m' = 109 or 'r' = 114) and up to four numbers.
let pKind = 0;
let pN0 = 0;
let pN1 = 0;
let pN2 = 0;
let pN3 = 0;
let pI = 0;

function readNum(buf) {
  if (buf[pI] !== 32) return -1;
  pI++;
  let v = 0;
  let d = 0;
  let c;
  while ((c = buf[pI]) >= 48 && c <= 57) {
    v = v * 10 + (c - 48);
    pI++;
    d++;
  }
  return d ? v : -1;
}

/** The ack id of a `4x<id>[...` frame (0 if none); `pI` is left where the arguments start. */
function readAckId(buf) {
  pI = 2;
  let id = 0;
  let c;
  while ((c = buf[pI]) >= 48 && c <= 57) {
    id = id * 10 + (c - 48);
    pI++;
  }
  return id;
}

/** Parses the text of a message event: "m RUN SENDER SEQ MICROS" or "r RUN SEQ MICROS". */
function parseText(buf, from) {
  const k = buf.indexOf(MESSAGE_KEY, from + 11);
  if (k < 0) return false;
  pI = k + 11;
  pKind = buf[pI++];
  if (pKind === 109) {
    pN0 = readNum(buf);
    pN1 = readNum(buf);
    pN2 = readNum(buf);
    pN3 = readNum(buf);
    return pN3 >= 0 && pN2 >= 0 && pN1 >= 0 && pN0 >= 0 && buf[pI] === 34;
  }
  if (pKind === 114) {
    pN0 = readNum(buf);
    pN1 = readNum(buf);
    pN2 = readNum(buf);
    return pN2 >= 0 && pN1 >= 0 && pN0 >= 0 && buf[pI] === 34;
  }
  return false;
}

/** One Engine.IO/Socket.IO connection to the main namespace. */
class Conn {
  constructor(url, timeoutMs, localAddress) {
    this.url = url;
    this.timeoutMs = timeoutMs;
    this.localAddress = localAddress;
    this.ws = null;
    this.nextId = 1;
    this.pending = new Map();
    this.hotBase = -1; // ack ids >= hotBase go to onHotAck(id - hotBase, buf, offset)
    this.onHotAck = null;
    this.onEvent = null; // (buf, from) for every `42...` frame, its arguments starting at `from`
    this.closed = false;
    this.closeReason = null;
    this.corked = false;
    this._uncork = () => {
      this.corked = false;
      const sock = this.ws._socket;
      if (sock) sock.uncork();
    };
  }

  /**
   * Sends a frame; frames sent during one turn of the event loop leave in one write
   * (the socket is corked until the next tick), which keeps the client's system calls few.
   */
  send(frame) {
    if (!this.corked) {
      const sock = this.ws._socket;
      if (sock) {
        this.corked = true;
        sock.cork();
        process.nextTick(this._uncork);
      }
    }
    this.ws.send(frame);
  }

  open() {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = setTimeout(() => fail(new Error(`connect timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      const fail = (err) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.close();
        reject(err);
      };
      this._connected = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(this);
      };
      this._connectError = fail;
      const ws = new WebSocket(this.url, {
        perMessageDeflate: false,
        skipUTF8Validation: true,
        generateMask: ZERO_MASK,
        handshakeTimeout: this.timeoutMs,
        maxPayload: 64 * 1024 * 1024,
        ...(this.localAddress ? { localAddress: this.localAddress } : {}),
      });
      this.ws = ws;
      ws.on('message', (buf) => this._onData(buf));
      ws.on('error', (e) => {
        this.closeReason = this.closeReason || e.message;
        fail(e);
      });
      ws.on('close', (code, reason) => {
        this.closed = true;
        this.closeReason = this.closeReason || `closed (${code}${reason && reason.length ? ` ${reason}` : ''})`;
        fail(new Error(`connection ${this.closeReason}`));
        for (const p of this.pending.values()) {
          clearTimeout(p.timer);
          p.reject(new Error(`connection ${this.closeReason}`));
        }
        this.pending.clear();
      });
    });
  }

  _onData(buf) {
    const c0 = buf[0];
    if (c0 === 52) { // '4' Engine.IO message
      const c1 = buf[1];
      if (c1 === 51) { // '3' Socket.IO ACK
        const id = readAckId(buf);
        const i = pI;
        if (this.hotBase >= 0 && id >= this.hotBase) {
          this.onHotAck(id - this.hotBase, buf, i);
          return;
        }
        const p = this.pending.get(id);
        if (p) {
          this.pending.delete(id);
          clearTimeout(p.timer);
          let v;
          try {
            v = JSON.parse(buf.toString('utf8', i));
          } catch (e) {
            p.reject(new Error(`bad ack frame: ${buf.toString('utf8', 0, 200)}`));
            return;
          }
          p.resolve(Array.isArray(v) ? v[0] : v);
        }
        return;
      }
      if (c1 === 50) { // '2' EVENT
        // An event with an ack id (`42<id>[...`) is acknowledged at once, as /nodeim.js does:
        // the server's proof that the message arrived.
        const id = readAckId(buf);
        if (pI > 2) this.send(`43${id}[]`);
        if (this.onEvent !== null) this.onEvent(buf, pI);
        return;
      }
      if (c1 === 48) { // '0' CONNECT answered
        if (this._connected) this._connected();
        return;
      }
      if (c1 === 52) { // '4' CONNECT_ERROR
        if (this._connectError) this._connectError(new Error(`namespace refused: ${buf.toString()}`));
        return;
      }
      if (c1 === 49) { // '1' DISCONNECT
        this.closeReason = 'disconnected by the server';
        this.close();
      }
      return;
    }
    if (c0 === 50) { // '2' ping
      if (buf.length === 1) this.ws.send('3');
      return;
    }
    if (c0 === 48) { // '0' Engine.IO open: join the main namespace
      this.ws.send('40');
      return;
    }
    if (c0 === 49) { // '1' Engine.IO close
      this.closeReason = 'closed by the server';
      this.close();
    }
  }

  /** Emits an event with an ack and resolves with the reply object. */
  cmd(name, data) {
    if (this.closed) return Promise.reject(new Error(`connection ${this.closeReason}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${name}: no answer in ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ws.send(`42${id}${JSON.stringify([name, data])}`);
    });
  }

  /** Reserves ack ids for a hot loop: the ack of hot message `seq` carries id `base + seq`. */
  startHot(onHotAck) {
    this.hotBase = this.nextId;
    this.onHotAck = onHotAck;
    return this.hotBase;
  }

  stopHot(used) {
    this.nextId = this.hotBase + used + 1;
    this.hotBase = -1;
    this.onHotAck = null;
  }

  close() {
    if (this.ws && this.ws.readyState <= 1) {
      try {
        this.ws.close();
      } catch (e) {
        // already closing
      }
      const ws = this.ws;
      setTimeout(() => ws.terminate(), 2000).unref();
    }
  }
}

// ---------------------------------------------------------------- users per server

const PASSWORD = 'bench-pass';

class Target {
  constructor(label, base, opts) {
    this.label = label;
    this.base = base;
    this.url = socketUrl(base, opts.path);
    this.opts = opts;
    this.token = `b${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}-`;
    this.users = []; // {username, id, conn}
    this.room = null; // {id, members}
    this.fresh = 0;
  }

  async connect(localAddress) {
    const c = new Conn(this.url, this.opts.timeout * 1000, localAddress);
    await c.open();
    return c;
  }

  /** Signs up and signs in users until `count` are online, each on its own connection. */
  async ensureUsers(count) {
    const dead = [];
    for (let i = 0; i < Math.min(count, this.users.length); i++) if (this.users[i].conn.closed) dead.push(i);
    if (dead.length) {
      log(`  ${this.label}: ${dead.length} connection(s) were closed (${this.users[dead[0]].conn.closeReason}); signing those users in again`);
      const tick = progress(`${this.label} re-signin`, dead.length);
      await withConcurrency(dead.length, this.opts.setupConcurrency, async (k) => {
        const u = this.users[dead[k]];
        const conn = await this.connect();
        const r = await conn.cmd('signin', { username: u.username, password: PASSWORD });
        if (r.code !== 200) throw new Error(`signin ${u.username}: ${JSON.stringify(r)}`);
        u.conn = conn;
        tick();
      });
    }
    const have = this.users.length;
    if (have >= count) return this.users.slice(0, count);
    const todo = count - have;
    log(`  ${this.label}: signing up and signing in ${todo} user(s) (concurrency ${this.opts.setupConcurrency})`);
    const tick = progress(`${this.label} users`, todo);
    const made = new Array(todo);
    // names never repeat within a run: a preparation that failed half-way signed some up
    const prefix = `${this.token}u${++this.fresh}-`;
    try {
      await withConcurrency(todo, this.opts.setupConcurrency, async (k) => {
        const username = `${prefix}${k}`;
        const conn = await this.connect();
        const r1 = await conn.cmd('signup', { username, password: PASSWORD });
        if (r1.code !== 200) throw new Error(`signup ${username}: ${JSON.stringify(r1)}`);
        const r2 = await conn.cmd('signin', { username, password: PASSWORD });
        if (r2.code !== 200 || !r2.doc) throw new Error(`signin ${username}: ${JSON.stringify(r2)}`);
        made[k] = { username, id: r2.doc.id, conn };
        tick();
      });
    } finally {
      // the users made so far stay: a later preparation signs up only the ones missing
      for (const u of made) if (u) this.users.push(u);
    }
    return this.users.slice(0, count);
  }

  closeAll() {
    for (const u of this.users) u.conn.close();
  }
}

// ---------------------------------------------------------------- scenarios

let runSeq = 0;

// Distinct error replies of the current scenario run (a few, for the report).
let failures = new Map();

function noteFailure(buf, off) {
  if (failures.size >= 5) return;
  const text = buf.toString('utf8', off, Math.min(buf.length, off + 160));
  failures.set(text, (failures.get(text) || 0) + 1);
}

/** After a drain timed out: lets the server work off what it still has before the next run. */
async function settle(drained, cond, o) {
  if (drained) return;
  log(`  drain timed out; waiting up to ${o.timeout} s for the server to finish what is in flight (not measured)`);
  if (!(await waitUntil(cond, o.timeout * 1000, 50))) log('  the server still has messages in flight; the next figures may suffer');
}

async function waitUntil(cond, timeoutMs, step = 10) {
  const end = now() + timeoutMs;
  while (!cond()) {
    if (now() >= end) return false;
    await sleep(step);
  }
  return true;
}

function closedCount(users) {
  let n = 0;
  for (const u of users) if (u.conn.closed) n++;
  return n;
}

/** Senders in pairs (0<->1, 2<->3, ...) with the bookkeeping shared by `pairs` and `rate`. */
function makePairSenders(users, run) {
  return users.map((u, i) => {
    const partner = users[i ^ 1];
    return {
      i,
      conn: u.conn,
      base: 0,
      head: `["message",{"to":${partner.id},"message":"m ${run} ${i} `,
      log: new SeqLog(),
      seq: 0,
      outstanding: 0,
      lastDelivered: -1,
    };
  });
}

/** Counts over the senders' logs after a run: losses, failures, unanswered. */
function tally(senders, inWindow) {
  let lost = 0;
  let unacked = 0;
  let failed = 0;
  let undeliveredInWindow = 0;
  for (const s of senders) {
    const st = s.log.state;
    for (let q = 0; q < s.seq; q++) {
      const v = st[q];
      if (v & FAILED) failed++;
      else if (!(v & ACKED)) unacked++;
      else if (!(v & DELIVERED)) lost++;
      if (inWindow && !(v & DELIVERED) && inWindow(s.log.sentAt[q])) undeliveredInWindow++;
    }
  }
  return { lost, unacked, failed, undeliveredInWindow };
}

/**
 * Counts the `message` events of one run's senders on these users' connections: deliveries,
 * duplicates and order; a delivery's latency runs from the send time the message carries, for
 * the deliveries `timed(arrivedAt, sentAt)` accepts.
 */
function trackDeliveries(users, senders, run, mStart, mEnd, delLat, timed) {
  const d = { delivered: 0, deliveredInWindow: 0, orderViolations: 0, duplicates: 0 };
  for (const u of users) {
    u.conn.onEvent = (buf, from) => {
      if (!isMessageEvent(buf, from)) return;
      const at = now();
      if (!parseText(buf, from) || pKind !== 109 || pN0 !== run) return;
      const s = senders[pN1];
      if (s === undefined) return;
      const seq = pN2;
      if (seq >= s.seq) return;
      const st = s.log.state;
      if (st[seq] & DELIVERED) {
        d.duplicates++;
        return;
      }
      st[seq] |= DELIVERED;
      d.delivered++;
      if (seq <= s.lastDelivered) d.orderViolations++;
      else s.lastDelivered = seq;
      if (at >= mStart && at < mEnd) d.deliveredInWindow++;
      const sentAt = pN3 / 1000;
      if (timed(at, sentAt)) delLat.add(at - sentAt);
    };
  }
  return d;
}

async function scenarioPairs(t, o) {
  const users = await t.ensureUsers(o.n);
  const run = ++runSeq;
  const senders = makePairSenders(users, run);
  const ackLat = new Samples(1 << 16);
  const delLat = new Samples(1 << 16);
  let sending = true;
  let sent = 0;
  let answered = 0;
  let okAcks = 0;
  let ackedInWindow = 0;
  const t0 = now() + 20;
  const mStart = t0 + o.warmup * 1000;
  const mEnd = mStart + o.measure * 1000;
  const cpu = cpuMeter(mStart, mEnd);

  const send = (s) => {
    const seq = s.seq++;
    s.log.ensure(seq);
    const at = now();
    s.log.sentAt[seq] = at;
    s.outstanding++;
    sent++;
    s.conn.send('42' + (s.base + seq) + s.head + seq + ' ' + Math.round(at * 1000) + '"}]');
  };

  for (const s of senders) {
    s.base = s.conn.startHot((seq, buf, off) => {
      if (seq >= s.seq) return;
      const st = s.log.state;
      if (st[seq] & (ACKED | FAILED)) return;
      const at = now();
      const ok = isOk(buf, off);
      st[seq] |= ok ? ACKED : FAILED;
      if (!ok) noteFailure(buf, off);
      else okAcks++;
      s.outstanding--;
      answered++;
      if (ok && at >= mStart && at < mEnd) {
        ackedInWindow++;
        ackLat.add(at - s.log.sentAt[seq]);
      }
      if (sending) send(s);
    });
  }
  const deliveries = trackDeliveries(users, senders, run, mStart, mEnd, delLat, (at) => at >= mStart && at < mEnd);

  try {
    await sleep(Math.max(0, t0 - now()));
    for (const s of senders) for (let k = 0; k < o.w; k++) send(s);
    log(`  warm-up ${o.warmup} s, measure ${o.measure} s`);
    await sleep(Math.max(0, mEnd - now()));
    sending = false;
    const drained = await waitUntil(() => answered >= sent && deliveries.delivered >= okAcks, o.drain * 1000);
    const tl = tally(senders);
    const a = ackLat.sorted();
    const d = delLat.sorted();
    const res = {
      ack_rate: ackedInWindow / o.measure,
      delivered_rate: deliveries.deliveredInWindow / o.measure,
      del_p50: pct(d, 50),
      del_p99: pct(d, 99),
      del_p999: pct(d, 99.9),
      ack_p50: pct(a, 50),
      ack_p99: pct(a, 99),
      sent,
      order_violations: deliveries.orderViolations,
      lost: tl.lost,
      duplicates: deliveries.duplicates,
      unacked: tl.unacked,
      errors: tl.failed,
      client_cpu: cpu.pct,
      closed: closedCount(users),
      drained,
    };
    await settle(drained, () => answered >= sent && deliveries.delivered >= okAcks, o);
    return res;
  } finally {
    cpu.cancel();
    sending = false;
    for (const s of senders) s.conn.stopHot(s.seq);
    for (const u of users) u.conn.onEvent = null;
  }
}

async function scenarioRate(t, o) {
  const users = await t.ensureUsers(o.n);
  const run = ++runSeq;
  const senders = makePairSenders(users, run);
  const n = senders.length;
  const ackLat = new Samples(1 << 16);
  const delLat = new Samples(1 << 16);
  const lag = new Samples(1 << 12);
  const interval = 1000 / o.rate;
  const total = Math.floor((o.rate * (o.warmup + o.measure)));
  let k = 0;
  let answered = 0;
  let okAcks = 0;
  let ackedInWindow = 0;
  const t0 = now() + 20;
  const mStart = t0 + o.warmup * 1000;
  const mEnd = mStart + o.measure * 1000;
  const cpu = cpuMeter(mStart, mEnd);
  const inWindow = (at) => at >= mStart && at < mEnd;
  const maxBacklog = Math.max(500, Math.ceil(o.rate * o.backlog));
  let overloaded = false;

  for (const s of senders) {
    s.base = s.conn.startHot((seq, buf, off) => {
      if (seq >= s.seq) return;
      const st = s.log.state;
      if (st[seq] & (ACKED | FAILED)) return;
      const at = now();
      const ok = isOk(buf, off);
      st[seq] |= ok ? ACKED : FAILED;
      if (!ok) noteFailure(buf, off);
      else okAcks++;
      answered++;
      if (ok && at >= mStart && at < mEnd) ackedInWindow++;
      const sched = s.log.sentAt[seq];
      if (ok && sched >= mStart && sched < mEnd) ackLat.add(at - sched);
    });
  }
  const deliveries = trackDeliveries(users, senders, run, mStart, mEnd, delLat, (at, sentAt) => sentAt >= mStart && sentAt < mEnd);

  try {
    log(`  offering ${o.rate} msg/s: warm-up ${o.warmup} s, measure ${o.measure} s`);
    await new Promise((resolve) => {
      const tick = () => {
        const at = now();
        let due = Math.floor((at - t0) / interval) + 1;
        if (due > total) due = total;
        if (k < due) lag.add(at - (t0 + k * interval));
        while (k < due) {
          // Latency counts from the scheduled time, not from when the client got to it.
          const sched = t0 + k * interval;
          const s = senders[k % n];
          const seq = s.seq++;
          s.log.ensure(seq);
          s.log.sentAt[seq] = sched;
          s.conn.send('42' + (s.base + seq) + s.head + seq + ' ' + Math.round(sched * 1000) + '"}]');
          k++;
        }
        if (k >= total) resolve();
        else if (k - answered > maxBacklog) {
          // The server is far behind: stop offering rather than pile up work for the next runs.
          overloaded = true;
          log(`  over ${maxBacklog} messages unanswered: the server cannot take ${o.rate} msg/s; offering stopped`);
          resolve();
        } else setTimeout(tick, 1);
      };
      setTimeout(tick, Math.max(0, t0 - now()));
    });
    await sleep(Math.max(0, mEnd - now() + 1));
    const drained = await waitUntil(() => answered >= k && deliveries.delivered >= okAcks, o.drain * 1000);
    // Window slots never offered (after an overload) count as never delivered.
    let unsent = 0;
    for (let j = k; j < total; j++) if (inWindow(t0 + j * interval)) unsent++;
    const tl = tally(senders, inWindow);
    // Messages of the window that never arrived count as infinitely late.
    for (let i = 0; i < tl.undeliveredInWindow + unsent; i++) delLat.add(Infinity);
    const a = ackLat.sorted();
    const d = delLat.sorted();
    const l = lag.sorted();
    const res = {
      offered_rate: o.rate,
      ack_rate: ackedInWindow / o.measure,
      delivered_rate: deliveries.deliveredInWindow / o.measure,
      del_p50: pct(d, 50),
      del_p99: pct(d, 99),
      del_p999: pct(d, 99.9),
      ack_p50: pct(a, 50),
      ack_p99: pct(a, 99),
      sent: k,
      undelivered_in_window: tl.undeliveredInWindow + unsent,
      overloaded: overloaded ? 1 : 0,
      order_violations: deliveries.orderViolations,
      lost: tl.lost,
      duplicates: deliveries.duplicates,
      unacked: tl.unacked,
      errors: tl.failed,
      client_lag_p99: pct(l, 99),
      client_lag_max: l.length ? l[l.length - 1] : null,
      client_cpu: cpu.pct,
      closed: closedCount(users),
      drained,
    };
    await settle(drained, () => answered >= k && deliveries.delivered >= okAcks, o);
    return res;
  } finally {
    cpu.cancel();
    for (const s of senders) s.conn.stopHot(s.seq);
    for (const u of users) u.conn.onEvent = null;
  }
}

/** Waits until no event has reached any of the users' connections for quietMs. */
async function waitQuiet(users, quietMs, maxMs) {
  let last = now();
  const mark = () => {
    last = now();
  };
  for (const u of users) u.conn.onEvent = mark;
  const end = now() + maxMs;
  while (now() - last < quietMs && now() < end) await sleep(50);
  for (const u of users) u.conn.onEvent = null;
}

async function ensureRoom(t, m) {
  const users = await t.ensureUsers(m);
  if (!t.room) {
    const r = await users[0].conn.cmd('room.create', { name: `${t.token}room`, intro: 'benchmark' });
    if (r.code !== 200 || !r.room) throw new Error(`room.create: ${JSON.stringify(r)}`);
    t.room = { id: r.room.id, members: 1 };
  }
  if (t.room.members < m) {
    const from = t.room.members;
    const todo = m - from;
    log(`  ${t.label}: ${todo} user(s) joining room ${t.room.id} (concurrency ${t.opts.setupConcurrency})`);
    const tick = progress(`${t.label} room.join`, todo);
    await withConcurrency(todo, t.opts.setupConcurrency, async (k) => {
      const r = await users[from + k].conn.cmd('room.join', { id: t.room.id });
      if (r.code !== 200) throw new Error(`room.join: ${JSON.stringify(r)}`);
      tick();
    });
    t.room.members = m;
  }
  return users;
}

async function scenarioRoom(t, o) {
  const m = o.members;
  const users = await ensureRoom(t, m);
  await waitQuiet(users, 500, o.timeout * 1000); // let the join notifications settle
  const run = ++runSeq;
  const roomId = t.room.id;
  const poster = users[0].conn;
  const interval = 1000 / o.roomRate;
  const total = Math.max(1, Math.floor(o.roomRate * (o.warmup + o.measure)));
  const sentAt = new Float64Array(total);
  const state = new Uint8Array(total);
  const count = new Uint32Array(total);
  const lastAt = new Float64Array(total);
  const memberLat = new Samples(1 << 16);
  const ackLat = new Samples(256);
  let k = 0;
  let answered = 0;
  let okAcks = 0;
  let received = 0;
  let duplicates = 0;
  let orderViolations = 0;
  const t0 = now() + 20;
  const mStart = t0 + o.warmup * 1000;
  const mEnd = mStart + o.measure * 1000;
  const cpu = cpuMeter(mStart, mEnd);
  const lastSeen = new Int32Array(m).fill(-1);
  const got = new Uint8Array(m * total); // member i got message seq: got[i * total + seq]
  const head = `["room.message",{"id":${roomId},"message":"r ${run} `;

  const base = poster.startHot((seq, buf, off) => {
    if (seq >= k || state[seq] & (ACKED | FAILED)) return;
    const ok = isOk(buf, off);
    state[seq] |= ok ? ACKED : FAILED;
    if (!ok) noteFailure(buf, off);
    else okAcks++;
    answered++;
    if (ok && sentAt[seq] >= mStart && sentAt[seq] < mEnd) ackLat.add(now() - sentAt[seq]);
  });
  users.forEach((u, i) => {
    u.conn.onEvent = (buf, from) => {
      if (!isMessageEvent(buf, from)) return;
      const at = now();
      if (!parseText(buf, from) || pKind !== 114 || pN0 !== run) return;
      const seq = pN1;
      if (seq >= k) return;
      const slot = i * total + seq;
      if (got[slot]) {
        duplicates++;
        return;
      }
      got[slot] = 1;
      if (seq < lastSeen[i]) orderViolations++;
      else lastSeen[i] = seq;
      received++;
      count[seq]++;
      if (at > lastAt[seq]) lastAt[seq] = at;
      const sched = pN2 / 1000;
      if (sched >= mStart && sched < mEnd) memberLat.add(at - sched);
    };
  });

  try {
    log(`  ${m} members, ${o.roomRate} room msg/s: warm-up ${o.warmup} s, measure ${o.measure} s`);
    await new Promise((resolve) => {
      const tick = () => {
        const at = now();
        let due = Math.floor((at - t0) / interval) + 1;
        if (due > total) due = total;
        while (k < due) {
          const sched = t0 + k * interval;
          sentAt[k] = sched;
          const seq = k++;
          poster.send('42' + (base + seq) + head + seq + ' ' + Math.round(sched * 1000) + '"}]');
        }
        if (k >= total) resolve();
        else setTimeout(tick, Math.max(1, Math.min(50, t0 + k * interval - now())));
      };
      setTimeout(tick, Math.max(0, t0 - now()));
    });
    await sleep(Math.max(0, mEnd - now() + 1));
    const drained = await waitUntil(() => answered >= k && received >= okAcks * m, o.drain * 1000);
    const last = new Samples(256);
    let incomplete = 0;
    let failed = 0;
    let unacked = 0;
    let inWindow = 0;
    for (let q = 0; q < k; q++) {
      if (state[q] & FAILED) failed++;
      else if (!(state[q] & ACKED)) unacked++;
      if (sentAt[q] < mStart || sentAt[q] >= mEnd) continue;
      inWindow++;
      if (count[q] >= m) last.add(lastAt[q] - sentAt[q]);
      else {
        incomplete++;
        last.add(Infinity);
        for (let j = count[q]; j < m; j++) memberLat.add(Infinity);
      }
    }
    const ls = last.sorted();
    const ms = memberLat.sorted();
    const as = ackLat.sorted();
    const res = {
      members: m,
      room_rate: o.roomRate,
      fanout_rate: (inWindow * m) / o.measure,
      last_p50: pct(ls, 50),
      last_p99: pct(ls, 99),
      last_max: ls.length ? ls[ls.length - 1] : null,
      member_p50: pct(ms, 50),
      member_p99: pct(ms, 99),
      ack_p50: pct(as, 50),
      ack_p99: pct(as, 99),
      sent: k,
      incomplete,
      order_violations: orderViolations,
      duplicates,
      unacked,
      errors: failed,
      client_cpu: cpu.pct,
      closed: closedCount(users),
      drained,
    };
    await settle(drained, () => answered >= k && received >= okAcks * m, o);
    return res;
  } finally {
    cpu.cancel();
    poster.stopHot(k);
    for (const u of users) u.conn.onEvent = null;
  }
}

async function scenarioBurst(t, o) {
  const users = await t.ensureUsers(2);
  if (o.warmup > 0) {
    // An unreported burst first, so that the measured one does not pay for a cold start.
    const w = await burstOnce(o, users, o.burst);
    log(`  warm-up burst (not reported): ${fmt(w.delivered_rate, 'rate')} msg/s delivered, errors ${w.errors}, lost ${w.lost}, unacked ${w.unacked}`
      + (failures.size ? `; error replies such as ${[...failures.keys()].join(' ')}` : ''));
    failures = new Map();
  }
  await sleep(200);
  log(`  ${o.burst} messages back to back`);
  return burstOnce(o, users, o.burst);
}

async function burstOnce(o, users, total) {
  const run = ++runSeq;
  const sender = users[0].conn;
  const receiver = users[1].conn;
  const state = new Uint8Array(total);
  let answered = 0;
  let acked = 0;
  let delivered = 0;
  let duplicates = 0;
  let orderViolations = 0;
  let lastDelivered = -1;
  let tAck = 0;
  let tDel = 0;
  const head = `["message",{"to":${users[1].id},"message":"m ${run} 0 `;
  const base = sender.startHot((seq, buf, off) => {
    if (seq >= total || state[seq] & (ACKED | FAILED)) return;
    const ok = isOk(buf, off);
    state[seq] |= ok ? ACKED : FAILED;
    if (!ok) noteFailure(buf, off);
    answered++;
    if (ok) acked++;
    if (answered === total) tAck = now();
  });
  receiver.onEvent = (buf, from) => {
    if (!isMessageEvent(buf, from)) return;
    if (!parseText(buf, from) || pKind !== 109 || pN0 !== run) return;
    const seq = pN2;
    if (seq >= total) return;
    if (state[seq] & DELIVERED) {
      duplicates++;
      return;
    }
    state[seq] |= DELIVERED;
    delivered++;
    if (seq <= lastDelivered) orderViolations++;
    else lastDelivered = seq;
    if (delivered === total) tDel = now();
  };
  try {
    const c0 = process.cpuUsage();
    const t0 = now();
    const micros = Math.round(t0 * 1000);
    for (let seq = 0; seq < total; seq++) sender.send('42' + (base + seq) + head + seq + ' ' + micros + '"}]');
    const tSent = now();
    await waitUntil(() => answered >= total && delivered >= acked, o.timeout * 1000, 2);
    const cu = process.cpuUsage(c0);
    const busyMs = (cu.user + cu.system) / 1000;
    let lost = 0;
    let unacked = 0;
    let failed = 0;
    for (let q = 0; q < total; q++) {
      if (state[q] & FAILED) failed++;
      else if (!(state[q] & ACKED)) unacked++;
      else if (!(state[q] & DELIVERED)) lost++;
    }
    const ackMs = tAck ? tAck - t0 : null;
    const delMs = tDel ? tDel - t0 : null;
    return {
      messages: total,
      ack_rate: ackMs ? total / (ackMs / 1000) : null,
      delivered_rate: delMs ? total / (delMs / 1000) : null,
      all_acked_ms: ackMs,
      all_delivered_ms: delMs,
      send_loop_ms: tSent - t0,
      client_cpu: Math.max(tAck, tDel) > t0 ? (busyMs / (Math.max(tAck, tDel) - t0)) * 100 : null,
      order_violations: orderViolations,
      lost,
      duplicates,
      unacked,
      errors: failed,
      closed: closedCount(users.slice(0, 2)),
    };
  } finally {
    sender.stopHot(total);
    receiver.onEvent = null;
  }
}

// A command answered 429 "too many password checks at once" is sent again after a pause, as
// a client would; how often that happened is reported.
let busyAnswers = 0;
async function patiently(call) {
  const giveUpAt = now() + 120000;
  for (let attempt = 1; ; attempt++) {
    const r = await call();
    if (r.code !== 429 || now() > giveUpAt) return r;
    busyAnswers++;
    await new Promise((resolve) => setTimeout(resolve, 20 * Math.min(attempt, 10)));
  }
}

/**
 * Token signins on fresh connections for the given seconds, unreported: the connection, the
 * handshake and the signin are code paths of their own, which the message load does not warm.
 */
async function signinJitWarmup(t, o) {
  const until = now() + o.signinJitWarmup * 1000;
  const prefix = `${t.token}w${++t.fresh}-`;
  let count = 0;
  // one user per concurrent worker, so that no user nears the server's limit of connections per user
  await Promise.all(Array.from({ length: o.signinConcurrency }, async (_, w) => {
    const conn = await t.connect();
    let token;
    try {
      const up = await patiently(() => conn.cmd('signup', { username: prefix + w, password: PASSWORD }));
      if (up.code !== 200) throw new Error(`signup: ${JSON.stringify(up)}`);
      const r = await patiently(() => conn.cmd('signin', { username: prefix + w, password: PASSWORD }));
      if (r.code !== 200 || !r.token) throw new Error(`signin: ${JSON.stringify(r)}`);
      token = r.token;
    } finally {
      conn.close();
    }
    while (now() < until) {
      const c = await t.connect();
      try {
        const r = await patiently(() => c.cmd('signin', { token }));
        if (r.code !== 200) throw new Error(`token signin: ${JSON.stringify(r)}`);
        count++;
      } finally {
        c.close();
      }
    }
  }));
  return count / o.signinJitWarmup;
}

async function scenarioSignin(t, o) {
  busyAnswers = 0;
  const u = o.signinUsers;
  const c = o.signinConcurrency;
  const prefix = `${t.token}s${++t.fresh}-`;
  // Signups: C connections, each signing up its share one after another.
  const conns = [];
  for (let i = 0; i < Math.min(c, u); i++) conns.push(await t.connect());
  log(`  ${u} signups, concurrency ${c}`);
  let tick = progress(`${t.label} signup`, u);
  const s0 = now();
  try {
    await withConcurrency(u, c, async (i, w) => {
      const r = await patiently(() => conns[w].cmd('signup', { username: prefix + i, password: PASSWORD }));
      if (r.code !== 200) throw new Error(`signup: ${JSON.stringify(r)}`);
      tick();
    });
  } finally {
    for (const conn of conns) conn.close();
  }
  const signupMs = now() - s0;
  // Signins: each on a fresh connection (connect, CONNECT, signin), closed afterwards.
  log(`  ${u} signins on fresh connections, concurrency ${c}`);
  tick = progress(`${t.label} signin`, u);
  const tokens = new Array(u);
  const timeSignins = async (label, credentials, count) => {
    tick = progress(`${t.label} ${label}`, count);
    const lat = new Samples(count);
    const start = now();
    const cpu0 = process.cpuUsage();
    await withConcurrency(count, c, async (i) => {
      const a = now();
      const conn = await t.connect();
      try {
        const r = await patiently(() => conn.cmd('signin', credentials(i)));
        if (r.code !== 200) throw new Error(`${label}: ${JSON.stringify(r)}`);
        if (r.token) tokens[i] = r.token;
        lat.add(now() - a);
      } finally {
        conn.close();
      }
      tick();
    });
    const ms = now() - start;
    const used = process.cpuUsage(cpu0);
    return { ms, count, sorted: lat.sorted(), cpu: ((used.user + used.system) / 1000 / ms) * 100 };
  };
  const byPassword = await timeSignins('signin', (i) => ({ username: prefix + i, password: PASSWORD }), u);
  // Token signins: the token each password signin gave, K times each, on fresh connections again.
  const k = o.tokenRepeat;
  log(`  ${u * k} token signins on fresh connections, concurrency ${c}`);
  const byToken = await timeSignins('token signin', (i) => ({ token: tokens[i % u] }), u * k);
  return {
    users: u,
    concurrency: c,
    signup_rate: u / (signupMs / 1000),
    signin_rate: u / (byPassword.ms / 1000),
    signin_p50: pct(byPassword.sorted, 50),
    signin_p99: pct(byPassword.sorted, 99),
    token_signin_rate: byToken.count / (byToken.ms / 1000),
    token_signin_p50: pct(byToken.sorted, 50),
    token_signin_p99: pct(byToken.sorted, 99),
    client_cpu: byToken.cpu,
    busy_answers: busyAnswers,
  };
}

/** The heap the server uses after a full GC, in bytes, read with jcmd (null when no pid is given). */
function serverHeapAfterGc(pid) {
  if (!pid) return null;
  const { execFileSync } = require('child_process');
  execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore' });
  execFileSync('jcmd', [String(pid), 'GC.run'], { stdio: 'ignore' });
  const info = execFileSync('jcmd', [String(pid), 'GC.heap_info'], { encoding: 'utf8' });
  const used = /used (\d+)K/.exec(info);
  return used ? Number(used[1]) * 1024 : null;
}

// Idle connections, then a reconnection storm: I connections signed in with resume tokens
// (users of at most 25 connections each, one token per user shared by its connections) stay
// idle for IDLE_HOLD s answering heartbeats; the server's heap after a full GC before and
// after gives the heap per connection. Then every connection is dropped at once (TCP closed
// without a WebSocket close) and all sign in again with their tokens, as fast as they can.
// Source addresses 127.0.0.2-9 spread the connections over more ports than one address has.
async function scenarioIdle(t, o) {
  busyAnswers = 0;
  const count = o.idleConnections;
  const perUser = 25;
  const users = Math.ceil(count / perUser);
  const prefix = `${t.token}i${++t.fresh}-`;
  const source = (i) => `127.0.0.${2 + (i % 8)}`;
  log(`  ${users} users (signup + password signin, concurrency ${o.setupConcurrency}) for ${count} connections`);
  const tokens = new Array(users);
  let tick = progress(`${t.label} idle users`, users);
  await withConcurrency(users, o.setupConcurrency, async (u) => {
    const conn = await t.connect();
    try {
      const up = await patiently(() => conn.cmd('signup', { username: prefix + u, password: PASSWORD }));
      if (up.code !== 200) throw new Error(`signup: ${JSON.stringify(up)}`);
      const r = await patiently(() => conn.cmd('signin', { username: prefix + u, password: PASSWORD }));
      if (r.code !== 200) throw new Error(`signin: ${JSON.stringify(r)}`);
      tokens[u] = r.token || null;
    } finally {
      conn.close();
    }
    tick();
  });
  const credentials = (i) => (tokens[i % users] ? { token: tokens[i % users] } : { username: prefix + (i % users), password: PASSWORD });
  const heapBefore = serverHeapAfterGc(o.serverPid);
  const conns = new Array(count);
  const signInAll = async (label, concurrency) => {
    tick = progress(`${t.label} ${label}`, count);
    const lat = new Samples(count);
    const start = now();
    await withConcurrency(count, concurrency, async (i) => {
      const a = now();
      const conn = await t.connect(source(i));
      const r = await patiently(() => conn.cmd('signin', credentials(i)));
      if (r.code !== 200) throw new Error(`${label}: ${JSON.stringify(r)}`);
      conns[i] = conn;
      lat.add(now() - a);
      tick();
    });
    return { ms: now() - start, sorted: lat.sorted() };
  };
  try {
    const opened = await signInAll('idle signin', o.signinConcurrency);
    log(`  ${count} connections signed in (${(count / (opened.ms / 1000)).toFixed(0)}/s); idle for ${o.idleHold} s`);
    await new Promise((resolve) => setTimeout(resolve, o.idleHold * 1000));
    const closedIdle = conns.filter((c) => c.closed).length;
    const heapAfter = serverHeapAfterGc(o.serverPid);
    // the storm: every connection dropped at once, then all reconnect with their tokens
    for (const c of conns) {
      c.closed = true;
      c.ws.terminate();
    }
    log(`  ${count} connections dropped; reconnecting all with tokens`);
    const storm = await signInAll('storm', Math.min(count, 512));
    return {
      connections: count,
      users,
      closed_while_idle: closedIdle,
      heap_per_conn: heapBefore !== null && heapAfter !== null ? (heapAfter - heapBefore) / count : null,
      heap_before_mb: heapBefore === null ? null : heapBefore / 1048576,
      heap_after_mb: heapAfter === null ? null : heapAfter / 1048576,
      storm_ms: storm.ms,
      storm_rate: count / (storm.ms / 1000),
      storm_p99: pct(storm.sorted, 99),
      busy_answers: busyAnswers,
    };
  } finally {
    for (const c of conns) if (c) c.close();
  }
}

const RUNNERS = { pairs: scenarioPairs, rate: scenarioRate, room: scenarioRoom, burst: scenarioBurst, signin: scenarioSignin, idle: scenarioIdle };

// ---------------------------------------------------------------- report

// [scenario, key, title, kind]: kind 'rate' (higher is better, ratio shown), 'ms', 'n'
const METRICS = [
  ['pairs', 'ack_rate', 'acknowledged msg/s', 'rate'],
  ['pairs', 'delivered_rate', 'delivered msg/s', 'rate'],
  ['pairs', 'del_p50', 'send->delivery p50 ms', 'ms'],
  ['pairs', 'del_p99', 'send->delivery p99 ms', 'ms'],
  ['pairs', 'del_p999', 'send->delivery p99.9 ms', 'ms'],
  ['pairs', 'ack_p50', 'send->ack p50 ms', 'ms'],
  ['pairs', 'ack_p99', 'send->ack p99 ms', 'ms'],
  ['pairs', 'order_violations', 'order violations', 'n'],
  ['pairs', 'lost', 'acked, never delivered', 'n'],
  ['pairs', 'unacked', 'never acknowledged', 'n'],
  ['pairs', 'errors', 'error replies', 'n'],
  ['pairs', 'client_cpu', 'load tool CPU % (1 core)', 'pct'],
  ['rate', 'offered_rate', 'offered msg/s', 'n'],
  ['rate', 'ack_rate', 'acknowledged msg/s', 'rate'],
  ['rate', 'delivered_rate', 'delivered msg/s', 'rate'],
  ['rate', 'del_p50', 'delivery p50 ms', 'ms'],
  ['rate', 'del_p99', 'delivery p99 ms', 'ms'],
  ['rate', 'del_p999', 'delivery p99.9 ms', 'ms'],
  ['rate', 'ack_p99', 'ack p99 ms', 'ms'],
  ['rate', 'undelivered_in_window', 'not delivered (of window)', 'n'],
  ['rate', 'overloaded', 'offering stopped (1 = overload)', 'n'],
  ['rate', 'order_violations', 'order violations', 'n'],
  ['rate', 'lost', 'acked, never delivered', 'n'],
  ['rate', 'client_lag_p99', 'client send lag p99 ms', 'ms'],
  ['rate', 'client_cpu', 'load tool CPU % (1 core)', 'pct'],
  ['room', 'members', 'members', 'n'],
  ['room', 'fanout_rate', 'deliveries/s', 'rate'],
  ['room', 'last_p50', 'to last member p50 ms', 'ms'],
  ['room', 'last_p99', 'to last member p99 ms', 'ms'],
  ['room', 'last_max', 'to last member max ms', 'ms'],
  ['room', 'member_p50', 'to each member p50 ms', 'ms'],
  ['room', 'member_p99', 'to each member p99 ms', 'ms'],
  ['room', 'incomplete', 'messages not reaching all', 'n'],
  ['room', 'client_cpu', 'load tool CPU % (1 core)', 'pct'],
  ['burst', 'ack_rate', 'all acked, msg/s', 'rate'],
  ['burst', 'delivered_rate', 'all delivered, msg/s', 'rate'],
  ['burst', 'all_acked_ms', 'all acked after ms', 'ms'],
  ['burst', 'all_delivered_ms', 'all delivered after ms', 'ms'],
  ['burst', 'order_violations', 'order violations', 'n'],
  ['burst', 'lost', 'acked, never delivered', 'n'],
  ['burst', 'client_cpu', 'load tool CPU % (1 core)', 'pct'],
  ['signin', 'signup_rate', 'signups/s', 'rate'],
  ['signin', 'signin_rate', 'signins/s', 'rate'],
  ['signin', 'signin_p50', 'connect+signin p50 ms', 'ms'],
  ['signin', 'signin_p99', 'connect+signin p99 ms', 'ms'],
  ['signin', 'token_signin_rate', 'token signins/s', 'rate'],
  ['signin', 'token_signin_p50', 'connect+token signin p50 ms', 'ms'],
  ['signin', 'token_signin_p99', 'connect+token signin p99 ms', 'ms'],
  ['signin', 'busy_answers', '429 answers (sent again)', 'n'],
  ['idle', 'connections', 'idle signed-in connections', 'n'],
  ['idle', 'closed_while_idle', 'closed while idle', 'n'],
  ['idle', 'heap_per_conn', 'server heap per connection, bytes', 'n'],
  ['idle', 'storm_ms', 'storm: all signed in again, ms', 'ms'],
  ['idle', 'storm_rate', 'storm: token signins/s', 'rate'],
  ['idle', 'storm_p99', 'storm: connect+signin p99 ms', 'ms'],
];

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function fmt(v, kind) {
  if (v === null || v === undefined || Number.isNaN(v)) return '-';
  if (v === Infinity) return 'never';
  if (kind === 'ms') return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  if (kind === 'rate') return Math.round(v).toLocaleString('en-US');
  if (kind === 'pct') return v.toFixed(0);
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(1);
}

/** The goals for the server under test, judged on the medians. */
function goals(o, get, ran) {
  const out = {};
  const pr = get('pairs', 'ack_rate');
  if (pr.target !== null && pr.relay) {
    const ratio = pr.target / pr.relay;
    out['pairs:ack_rate'] = { goal: 'ratio >= 1.0 (min 0.5)', status: ratio >= 1 ? 'MET' : ratio >= 0.5 ? 'MIN ONLY' : 'MISSED' };
  } else out['pairs:ack_rate'] = { goal: 'ratio >= 1.0 (min 0.5)', status: '-' };
  const rp = get('rate', 'del_p99');
  const rd = get('rate', 'delivered_rate');
  const at = o.rate === 5000 ? '' : ` (goal is at 5000, R=${o.rate})`;
  out['rate:del_p99'] = {
    goal: '<= 25 ms at 5,000 msg/s' + at,
    status: !ran('rate') ? '-' : at ? 'N/A' : rp.target !== null && rp.target <= 25 && rd.target !== null && rd.target >= 0.95 * o.rate ? 'MET' : 'MISSED',
  };
  const lp = get('room', 'last_p99');
  const at2 = o.members === 1000 && o.roomRate === 10 ? '' : ` (goal is at M=1000 K=10)`;
  out['room:last_p99'] = {
    goal: '<= 100 ms, 1,000 members, 10 msg/s' + at2,
    status: !ran('room') ? '-' : at2 ? 'N/A' : lp.target !== null && lp.target <= 100 ? 'MET' : 'MISSED',
  };
  const ba = get('burst', 'ack_rate');
  const bd = get('burst', 'delivered_rate');
  out['burst:delivered_rate'] = {
    goal: '>= 5,000 msg/s (acked and delivered)',
    status: !ran('burst') ? '-' : ba.target !== null && bd.target !== null && Math.min(ba.target, bd.target) >= 5000 ? 'MET' : 'MISSED',
  };
  const ts = get('signin', 'token_signin_rate');
  out['signin:token_signin_rate'] = {
    goal: '>= 2,000/s',
    status: !ran('signin') ? '-' : ts.target !== null && ts.target >= 2000 ? 'MET' : 'MISSED',
  };
  return out;
}

function buildTable(o, results, targetLabel) {
  const get = (sc, key) => {
    const r = results[sc] || {};
    const pick = (label) => (r[label] ? median(r[label].filter((x) => !x.error).map((x) => x[key])) : null);
    return { target: pick(targetLabel), relay: pick('relay') };
  };
  const ran = (sc) => Boolean(results[sc] && (results[sc][targetLabel] || []).some((x) => !x.error));
  const g = goals(o, get, ran);
  const rows = [];
  for (const [sc, key, title, kind] of METRICS) {
    if (!results[sc]) continue;
    const v = get(sc, key);
    let ratio = null;
    if (kind === 'rate' && v.target !== null && v.relay) ratio = v.target / v.relay;
    const goal = g[`${sc}:${key}`];
    rows.push({ scenario: sc, metric: key, title, kind, target: v.target, relay: v.relay, ratio, goal: goal ? goal.goal : null, status: goal ? goal.status : null });
  }
  return rows;
}

function printTable(rows, targetLabel, errors) {
  const head = ['scenario', 'metric', targetLabel, 'relay', `${targetLabel}/relay`, 'goal', 'status'];
  const body = rows.map((r) => [
    r.scenario, r.title, fmt(r.target, r.kind), fmt(r.relay, r.kind),
    r.ratio === null ? '' : r.ratio.toFixed(2), r.goal || '', r.status || '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = [false, false, true, true, true, false, false];
  const line = (cells) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  let prev = null;
  for (let i = 0; i < body.length; i++) {
    if (prev !== null && rows[i].scenario !== prev) out.push('');
    prev = rows[i].scenario;
    out.push(line(body[i]));
  }
  for (const e of errors) out.push(`error: ${e}`);
  console.log(out.join('\n'));
}

function oneLine(sc, r) {
  if (r.error) return `error: ${r.error}`;
  const f = (k, kind) => fmt(r[k], kind);
  const checks = `order violations ${r.order_violations ?? '-'}, lost ${r.lost ?? r.incomplete ?? '-'}, unacked ${r.unacked ?? '-'}, errors ${r.errors ?? '-'}${r.client_cpu != null ? `, load tool CPU ${r.client_cpu.toFixed(0)}%` : ''}${r.closed ? `, CLOSED CONNECTIONS ${r.closed}` : ''}${r.drained === false ? ', drain timed out (counts include messages still in flight)' : ''}${r.error_replies ? `; error replies such as ${r.error_replies.join(' ')}` : ''}`;
  switch (sc) {
    case 'pairs':
      return `acked ${f('ack_rate', 'rate')}/s, delivered ${f('delivered_rate', 'rate')}/s, delivery p50/p99/p99.9 ${f('del_p50', 'ms')}/${f('del_p99', 'ms')}/${f('del_p999', 'ms')} ms, ack p50/p99 ${f('ack_p50', 'ms')}/${f('ack_p99', 'ms')} ms; ${checks}`;
    case 'rate':
      return `offered ${f('offered_rate', 'rate')}/s, acked ${f('ack_rate', 'rate')}/s, delivered ${f('delivered_rate', 'rate')}/s, delivery p50/p99/p99.9 ${f('del_p50', 'ms')}/${f('del_p99', 'ms')}/${f('del_p999', 'ms')} ms, client lag p99 ${f('client_lag_p99', 'ms')} ms${r.overloaded ? ', OVERLOADED (offering stopped)' : ''}; ${checks}`;
    case 'room':
      return `${r.members} members: to last member p50/p99/max ${f('last_p50', 'ms')}/${f('last_p99', 'ms')}/${f('last_max', 'ms')} ms, to each member p50/p99 ${f('member_p50', 'ms')}/${f('member_p99', 'ms')} ms, incomplete ${r.incomplete}; ${checks}`;
    case 'burst':
      return `${r.messages} msgs: all acked ${f('all_acked_ms', 'ms')} ms (${f('ack_rate', 'rate')}/s), all delivered ${f('all_delivered_ms', 'ms')} ms (${f('delivered_rate', 'rate')}/s); ${checks}`;
    case 'signin':
      return `signups ${f('signup_rate', 'rate')}/s, signins ${f('signin_rate', 'rate')}/s (connect+signin p50/p99 ${f('signin_p50', 'ms')}/${f('signin_p99', 'ms')} ms), token signins ${f('token_signin_rate', 'rate')}/s (p50/p99 ${f('token_signin_p50', 'ms')}/${f('token_signin_p99', 'ms')} ms, load tool CPU ${r.client_cpu == null ? '-' : r.client_cpu.toFixed(0)}%), 429 answers ${r.busy_answers}`;
    case 'idle':
      return `${r.connections} idle connections of ${r.users} users, closed while idle ${r.closed_while_idle}, server heap ${r.heap_before_mb === null ? '-' : r.heap_before_mb.toFixed(1)} -> ${r.heap_after_mb === null ? '-' : r.heap_after_mb.toFixed(1)} MB (${r.heap_per_conn === null ? '-' : Math.round(r.heap_per_conn)} bytes a connection); storm: all ${r.connections} signed in again in ${f('storm_ms', 'ms')} ms (${f('storm_rate', 'rate')}/s, p99 ${f('storm_p99', 'ms')} ms)`;
    default:
      return JSON.stringify(r);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  let o;
  try {
    o = parseOptions(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const watchdog = setTimeout(() => {
    console.error(`load: aborted after --max-time ${o.maxTime} s`);
    process.exit(3);
  }, o.maxTime * 1000);
  watchdog.unref();

  const targets = [];
  try {
    if (o.relay) targets.push(new Target('relay', o.relay, o));
    if (o.target) targets.push(new Target(o.targetLabel, o.target, o));
  } catch (e) {
    console.error(`load: ${e.message}`);
    process.exit(2);
  }
  log(`scenarios ${o.scenarios.join(', ')}; ${o.reps} round(s); servers: ${targets.map((t) => `${t.label} ${t.base}`).join(', ')}`);

  for (const t of targets) {
    try {
      (await t.connect()).close();
    } catch (e) {
      console.error(`load: cannot reach ${t.label} at ${t.url}: ${e.message}`);
      process.exit(2);
    }
  }

  const results = {};
  const errors = [];
  const started = new Date().toISOString();
  if (o.jitWarmup > 0 && o.scenarios.some((sc) => MESSAGE_SCENARIOS.includes(sc))) {
    for (const t of targets) {
      log(`JIT warm-up: ${o.jitWarmup} s of pairs on ${t.label} (not reported)`);
      failures = new Map();
      try {
        const w = await scenarioPairs(t, { ...o, warmup: o.jitWarmup, measure: 1 });
        log(`JIT warm-up on ${t.label} done: ${fmt(w.ack_rate, 'rate')} msg/s at its end`);
      } catch (e) {
        log(`JIT warm-up on ${t.label} failed: ${e.message}`);
      }
    }
  }
  for (const sc of o.scenarios) {
    if (sc === 'signin' && o.signinJitWarmup > 0) {
      for (const t of targets) {
        log(`JIT warm-up: ${o.signinJitWarmup} s of token signins on ${t.label} (not reported)`);
        try {
          log(`JIT warm-up on ${t.label} done: ${fmt(await signinJitWarmup(t, o), 'rate')} token signins/s`);
        } catch (e) {
          log(`JIT warm-up on ${t.label} failed: ${e.message}`);
        }
      }
    }
    results[sc] = {};
    for (let rep = 1; rep <= o.reps; rep++) {
      for (const t of targets) {
        log(`[${sc}] round ${rep}/${o.reps} on ${t.label}`);
        let r;
        failures = new Map();
        try {
          r = await RUNNERS[sc](t, o);
          if (failures.size) r.error_replies = [...failures.keys()];
        } catch (e) {
          r = { error: e.message };
          errors.push(`${sc} on ${t.label} (round ${rep}): ${e.message}`);
        }
        (results[sc][t.label] = results[sc][t.label] || []).push(r);
        log(`[${sc}] ${t.label}: ${oneLine(sc, r)}`);
      }
    }
  }
  for (const t of targets) t.closeAll();

  const rows = buildTable(o, results, o.targetLabel);
  console.log('');
  console.log(`nodeim benchmark: ${o.scenarios.join(', ')}; N=${o.n} W=${o.w} warm-up=${o.warmup}s measure=${o.measure}s JIT warm-up=${o.jitWarmup}s (signin ${o.signinJitWarmup}s) R=${o.rate} M=${o.members} K=${o.roomRate} S=${o.burst} U=${o.signinUsers} C=${o.signinConcurrency}; ${o.reps} round(s), medians`);
  printTable(rows, o.targetLabel, errors);
  if (o.json) {
    const { json, ...options } = o;
    fs.writeFileSync(o.json, JSON.stringify({ started, finished: new Date().toISOString(), options, results, table: rows }, (k, v) => (v === Infinity ? 'never' : v), 2) + '\n');
    log(`results written to ${o.json}`);
  }
  // Give the close frames a moment, then leave even if a server keeps a socket open.
  setTimeout(() => process.exit(errors.length ? 1 : 0), 300);
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
