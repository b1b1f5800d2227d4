#!/usr/bin/env node
// In-memory Socket.IO 4 relay that answers the nodeim commands the benchmark uses
// (signup, signin, message, room.create, room.join, room.message) with the same replies
// and events as nodeim. It is the reference the load client compares nodeim against.
//
//   node relay.js [PORT]        (or PORT=... node relay.js; default 3900; 0 = any free port)
//
// Listens on 127.0.0.1 only and prints one line "relay ready http://127.0.0.1:PORT".
'use strict';

const crypto = require('crypto');
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] !== undefined ? process.argv[2] : (process.env.PORT || 3900));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`relay: bad port ${process.argv[2] || process.env.PORT}`);
  process.exit(2);
}

const usersByName = new Map(); // username -> {id, username, password, doc}
const usersById = new Map(); // id -> same
const usersByToken = new Map(); // resume token -> same
const rooms = new Map(); // id -> {id, name, intro, creator, members: Set<userId>}
let nextUserId = 1;
let nextRoomId = 1;

const httpServer = http.createServer((req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found\n');
});
const io = new Server(httpServer, {
  serveClient: false,
  perMessageDeflate: false,
  httpCompression: false,
  pingInterval: 25000,
  pingTimeout: 20000,
  maxHttpBufferSize: 1e6,
  cors: { origin: false },
});

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function roomJson(room) {
  return { id: room.id, name: room.name, intro: room.intro, creator: room.creator };
}

function userRooms(userId) {
  const out = [];
  for (const room of rooms.values()) if (room.members.has(userId)) out.push(roomJson(room));
  return out;
}

function userChannel(id) {
  return 'u:' + id;
}

function roomChannel(id) {
  return 'r:' + id;
}

const OK = Object.freeze({ code: 200 });

const commands = {
  signup(socket, data) {
    const { username, password } = data;
    if (username === undefined || username === null || password === undefined || password === null) {
      return { code: 403, message: 'username and password required' };
    }
    if (typeof username !== 'string' || typeof password !== 'string' || username.length < 1 || username.length > 64) {
      return { code: 400, message: 'invalid username or password' };
    }
    if (usersByName.has(username)) return { code: 405, message: 'username taken' };
    const id = nextUserId++;
    const doc = { id, username };
    for (const [k, v] of Object.entries(data)) {
      if (k !== 'password' && k !== 'answer' && k !== 'id' && k !== 'username') doc[k] = v;
    }
    const user = { id, username, password, doc };
    usersByName.set(username, user);
    usersById.set(id, user);
    return { code: 200, id };
  },

  signin(socket, data) {
    if (socket.data.user) return { code: 402, message: 'already signed in' };
    const { username, id, password, token } = data;
    let user;
    if (token !== undefined && password === undefined) {
      user = usersByToken.get(String(token));
      if (!user) return { code: 404, message: 'unknown token' };
    } else {
      if ((username === undefined && id === undefined) || password === undefined) {
        return { code: 403, message: 'username and password required' };
      }
      user = username !== undefined ? usersByName.get(username) : usersById.get(Number(id));
      if (!user || user.password !== password) return { code: 404, message: 'unknown user or wrong password' };
    }
    const issued = token !== undefined && password === undefined ? String(token) : crypto.randomBytes(32).toString('base64url');
    usersByToken.set(issued, user);
    socket.data.user = user;
    socket.join(userChannel(user.id));
    const mine = userRooms(user.id);
    return {
      code: 200,
      doc: user.doc,
      rooms: mine,
      token: issued,
      after() {
        for (const room of mine) {
          socket.join(roomChannel(room.id));
          io.to(roomChannel(room.id)).emit('room.join', { room: room, user: user.doc, newbie: false });
        }
      },
    };
  },

  message(socket, data) {
    const me = socket.data.user;
    const to = Number(data.to);
    const target = usersById.get(to);
    if (data.to === undefined || !target) return { code: 404, message: 'unknown user' };
    if (typeof data.message !== 'string') return { code: 404, message: 'message required' };
    const event = { from: me.doc, to, message: data.message, time: Date.now() };
    if (data.time !== undefined) event.clientTime = data.time;
    return {
      code: 200,
      after() {
        // Not to the sender's own other connections.
        if (to === me.id) socket.to(userChannel(to)).emit('message', event);
        else io.to(userChannel(to)).emit('message', event);
      },
    };
  },

  'room.create'(socket, data) {
    const me = socket.data.user;
    if (typeof data.name !== 'string' || data.name.length === 0) return { code: 404, message: 'name required' };
    const room = {
      id: nextRoomId++,
      name: data.name,
      intro: typeof data.intro === 'string' ? data.intro : '',
      creator: me.id,
      members: new Set([me.id]),
    };
    rooms.set(room.id, room);
    io.in(userChannel(me.id)).socketsJoin(roomChannel(room.id));
    return { code: 200, room: roomJson(room) };
  },

  'room.join'(socket, data) {
    const me = socket.data.user;
    const room = rooms.get(Number(data.id));
    if (!room) return { code: 404, message: 'unknown room' };
    const newbie = !room.members.has(me.id);
    room.members.add(me.id);
    return {
      code: 200,
      after() {
        io.in(userChannel(me.id)).socketsJoin(roomChannel(room.id));
        io.to(roomChannel(room.id)).emit('room.join', { room: roomJson(room), user: me.doc, newbie });
      },
    };
  },

  'room.message'(socket, data) {
    const me = socket.data.user;
    const roomId = Number(data.id !== undefined ? data.id : data.room);
    const room = rooms.get(roomId);
    if (!room || !room.members.has(me.id)) return { code: 404, message: 'unknown room' };
    if (typeof data.message !== 'string' || data.message.length === 0) return { code: 404, message: 'message required' };
    const time = Date.now();
    return {
      code: 200,
      after() {
        // Like nodeim: each member gets the event addressed to them (`to` is the member).
        for (const member of room.members) {
          io.to(userChannel(member)).emit('message', {
            from: me.doc, to: member, message: data.message, time, room: roomId,
          });
        }
      },
    };
  },
};

const OPEN = new Set(['signup', 'signin']);

io.on('connection', (socket) => {
  socket.onAny((name, ...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    const data = args[0];
    let reply;
    const handler = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : null;
    if (!handler) reply = { code: 400, message: 'unknown command' };
    else if (!isObject(data)) reply = { code: 400, message: 'data must be an object' };
    else if (!OPEN.has(name) && !socket.data.user) reply = { code: 403, message: 'not signed in' };
    else {
      try {
        reply = handler(socket, data);
      } catch (e) {
        console.error('relay: command failed', name, e);
        reply = { code: 500, message: 'internal error' };
      }
    }
    let after = null;
    if (reply && typeof reply.after === 'function') {
      after = reply.after;
      delete reply.after;
    }
    if (reply.code === 200 && Object.keys(reply).length === 1) reply = OK;
    // The answer first, then the events the command caused (as nodeim does).
    if (ack) ack(reply);
    if (after) after();
  });
});

httpServer.on('error', (e) => {
  console.error('relay: ' + e.message);
  process.exit(1);
});
httpServer.listen(port, '127.0.0.1', () => {
  console.log(`relay ready http://127.0.0.1:${httpServer.address().port}`);
});

function shutdown() {
  io.close();
  httpServer.close();
  setTimeout(() => process.exit(0), 200).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
