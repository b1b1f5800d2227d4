/*
 * nodeim client shim: adds socket.command(name, data[, callback]) to socket.io-client
 * sockets. Load it after /socket.io/socket.io.js.
 *
 *   var socket = io('http://localhost:8080');
 *   socket.command('signin', {username: 'alice', password: 'secret'}, function (reply) {
 *     if (reply.code === 200) console.log('signed in as', reply.doc.username);
 *   });
 *
 * The command is sent as the event `name` with {id, data}; the server answers with the
 * event `rspn` {id, cmd, data}, and `callback` receives that `data`.
 *
 * It also acknowledges every `message` event once the page's listeners have run: the
 * server counts a message as delivered only on that receipt (or on a pong), so
 * that a message in flight when a connection dies is sent again. Each message carries its
 * `id`: a page may receive one twice, and can drop it by that id.
 */
(function (io) {
  'use strict';
  if (!io || !io.Socket) {
    throw new Error('nodeim.js needs socket.io.js to be loaded first');
  }
  var nextId = 1;

  var emitEvent = io.Socket.prototype.emitEvent;
  if (typeof emitEvent === 'function') {
    io.Socket.prototype.emitEvent = function (args) {
      emitEvent.call(this, args);
      var ack = args[args.length - 1];
      if (args[0] === 'message' && typeof ack === 'function') {
        ack();
      }
    };
  }

  io.Socket.prototype.command = function (name, data, callback) {
    var socket = this;
    if (!socket._nodeimCallbacks) {
      socket._nodeimCallbacks = {};
      socket.on('rspn', function (response) {
        var pending = response && socket._nodeimCallbacks[response.id];
        if (pending) {
          delete socket._nodeimCallbacks[response.id];
          pending(response.data);
        }
      });
    }
    var id = nextId++;
    if (typeof callback === 'function') {
      socket._nodeimCallbacks[id] = callback;
    }
    socket.emit(name, {id: id, data: data === undefined ? {} : data});
    return socket;
  };
})(typeof io !== 'undefined' ? io : undefined);
