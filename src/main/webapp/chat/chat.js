/*
 * The nodeim web chat: a page of the command API, nothing more. Every text a user typed is
 * shown as text; message bodies are HTML that the server has sanitized, shown as such.
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'nodeim.token';
  // the page's own directory: the WAR may be deployed under a context path
  var base = location.pathname.substring(0, location.pathname.lastIndexOf('/') + 1);
  var socket = io({path: base + 'socket.io', transports: ['websocket', 'polling']});
  var me = null;                 // my user document
  var friends = {};              // id -> friend document (with group and presence)
  var strangers = {};            // id -> document of someone who wrote without being a friend
  var rooms = {};                // id -> room
  var unread = {};               // conversation key -> count
  var conversations = {};        // key -> {ids: Set, page, lastPage, loading}
  var current = null;            // key of the open conversation: 'u:ID' or 'r:ID'
  var pendingUploads = [];       // names of files this page is uploading
  var blocked = {};              // id -> true for the users I block

  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') {
        node.textContent = attributes.text;
      } else if (name.indexOf('on') === 0) {
        node.addEventListener(name.substring(2), attributes[name]);
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function status(text, isError) {
    var line = $('status');
    line.textContent = text;
    line.className = isError ? 'error' : '';
  }

  /** Sends a command; calls done(reply) on 200, reports anything else. */
  function command(name, data, done, failed) {
    socket.command(name, data, function (reply) {
      reply = reply || {};
      if (reply.code === 200) {
        if (done) { done(reply); }
      } else if (failed) {
        failed(reply);
      } else {
        status(name + ': ' + (reply.message || 'refused') + ' (' + reply.code + ')', true);
      }
    });
  }

  function nameOf(user) {
    if (!user) { return '?'; }
    return user.nickname ? user.nickname + ' (' + user.username + ')' : String(user.username);
  }

  function userById(id) {
    return friends[id] || strangers[id] || null;
  }

  // ---------------------------------------------------------------- signing in and out

  function showAuth() {
    me = null;
    $('app').hidden = true;
    $('auth').hidden = false;
  }

  function signedIn(reply) {
    me = reply.doc;
    if (reply.token) {
      localStorage.setItem(TOKEN_KEY, reply.token);
    }
    friends = {};
    rooms = {};
    (reply.rooms || []).forEach(function (room) { rooms[room.id] = room; });
    $('me').textContent = nameOf(me);
    $('me').setAttribute('data-id', String(me.id));
    $('auth').hidden = true;
    $('app').hidden = false;
    status('Signed in as ' + me.username + '.');
    loadFriends();
    command('blocked', {}, function (reply) {
      blocked = {};
      (reply.users || []).forEach(function (user) { blocked[user.id] = true; });
      if (current) { renderConversationHead(); }
    });
    renderRooms();
    loadRequests();
    loadInvitations();
    if (current) {
      openConversation(current);
    }
  }

  function resume() {
    var token = localStorage.getItem(TOKEN_KEY);
    if (!token) {
      showAuth();
      return;
    }
    command('signin', {token: token}, signedIn, function (reply) {
      if (reply.code === 402) {
        return; // this connection is signed in already
      }
      localStorage.removeItem(TOKEN_KEY);
      showAuth();
      status(reply.code === 429 ? 'Too many attempts: wait and sign in again.' : 'Please sign in again.', reply.code === 429);
    });
  }

  socket.on('connect', function () {
    $('connection-state').textContent = 'Connected.';
    resume();
  });
  socket.on('disconnect', function () {
    $('connection-state').textContent = 'Disconnected: reconnecting…';
    status('Connection lost: reconnecting…', true);
  });

  $('signin-form').addEventListener('submit', function (event) {
    event.preventDefault();
    command('signin', {username: $('signin-username').value, password: $('signin-password').value}, function (reply) {
      $('signin-password').value = '';
      signedIn(reply);
    }, function (reply) {
      status(reply.code === 429 ? 'Too many attempts: wait a while.' : 'Unknown user or wrong password.', true);
    });
  });

  $('signup-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var data = {username: $('signup-username').value, password: $('signup-password').value};
    ['nickname', 'question', 'answer'].forEach(function (field) {
      var value = $('signup-' + field).value;
      if (value) { data[field] = value; }
    });
    command('signup', data, function () {
      command('signin', {username: data.username, password: data.password}, signedIn);
    }, function (reply) {
      status(reply.code === 405 ? 'That username is taken.' : 'Sign-up refused: ' + (reply.message || reply.code), true);
    });
  });

  $('retrieve-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var username = $('retrieve-username').value;
    if ($('retrieve-second').hidden) {
      command('retrieve', {username: username}, function (reply) {
        $('retrieve-question').textContent = reply.question;
        $('retrieve-second').hidden = false;
        $('retrieve-submit').textContent = 'Set the new password';
        $('retrieve-answer').focus();
      }, function (reply) {
        status(reply.code === 405 ? 'This account has no security question.' : 'No such user.', true);
      });
      return;
    }
    command('retrieve', {username: username, answer: $('retrieve-answer').value,
      newpassword: $('retrieve-newpassword').value}, function () {
      $('retrieve-second').hidden = true;
      $('retrieve-submit').textContent = 'Show my question';
      $('signin-username').value = username;
      $('signin-password').focus();
      status('Password changed: sign in with the new one.');
    }, function (reply) {
      status(reply.code === 406 ? 'Wrong answer.' : 'Refused (' + reply.code + ').', true);
    });
  });

  function signOut(everywhere) {
    command('signout', everywhere ? {everywhere: true} : {}, function () {
      localStorage.removeItem(TOKEN_KEY);
      current = null;
      conversations = {};
      unread = {};
      $('messages').textContent = '';
      $('composer').hidden = true;
      showAuth();
      status('Signed out.');
    });
  }
  $('signout').addEventListener('click', function () { signOut(false); });
  $('signout-everywhere').addEventListener('click', function () { signOut(true); });

  // ---------------------------------------------------------------- presence and profile

  $('presence-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var presence = $('presence-input').value.trim();
    command('presence', {presence: presence}, function () { status('Status set to ' + presence + '.'); });
  });

  socket.on('presence', function (event) {
    if (friends[event.id]) {
      friends[event.id].presence = event.presence;
      renderFriends();
      if (current === 'u:' + event.id) { renderConversationHead(); }
    }
  });

  function profileRow(name, value) {
    var id = 'profile-field-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
    return el('div', {'class': 'field'}, [
      el('label', {'for': id, text: name}),
      el('input', {id: id, 'data-field': name, value: value})
    ]);
  }

  $('profile-open').addEventListener('click', function () {
    var fields = $('profile-fields');
    fields.textContent = '';
    Object.keys(me).forEach(function (name) {
      if (name !== 'id' && name !== 'username' && typeof me[name] !== 'object') {
        fields.appendChild(profileRow(name, String(me[name])));
      }
    });
    $('profile-panel').hidden = false;
    $('profile-open').setAttribute('aria-expanded', 'true');
    $('profile-title').setAttribute('tabindex', '-1');
    $('profile-title').focus();
  });

  function closeProfile() {
    $('profile-panel').hidden = true;
    $('profile-open').setAttribute('aria-expanded', 'false');
    $('profile-open').focus();
  }
  $('profile-close').addEventListener('click', closeProfile);

  $('profile-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var doc = {};
    Array.prototype.forEach.call($('profile-fields').querySelectorAll('input[data-field]'), function (input) {
      doc[input.getAttribute('data-field')] = input.value;
    });
    var newName = $('profile-new-name').value.trim();
    if (newName) {
      doc[newName] = $('profile-new-value').value;
    }
    command('profile', {doc: doc}, function () {
      Object.keys(doc).forEach(function (name) { me[name] = doc[name]; });
      $('me').textContent = nameOf(me);
      $('profile-new-name').value = '';
      $('profile-new-value').value = '';
      status('Profile saved.');
      closeProfile();
    });
  });

  // ---------------------------------------------------------------- friends and requests

  function loadFriends() {
    command('friends', {}, function (reply) {
      friends = {};
      (reply.list || []).forEach(function (friend) {
        friends[friend.id] = friend;
        delete strangers[friend.id];
      });
      renderFriends();
      if (current) { renderConversationHead(); }
    });
  }

  function unreadBadge(key) {
    var count = unread[key] || 0;
    return el('span', {'class': 'unread', 'data-unread': String(count), text: count ? String(count) : '',
      'aria-label': count ? count + ' unread' : ''});
  }

  function entry(key, label, detail) {
    var button = el('button', {type: 'button', 'class': 'entry' + (key === current ? ' current' : ''),
      'data-key': key, onclick: function () { openConversation(key); }}, [
      el('span', {'class': 'name', text: label}),
      el('span', {'class': 'detail', text: detail || ''}),
      unreadBadge(key)
    ]);
    if (key === current) { button.setAttribute('aria-current', 'true'); }
    return el('li', {}, [button]);
  }

  function renderFriends() {
    var box = $('friends');
    box.textContent = '';
    var groups = {};
    Object.keys(friends).forEach(function (id) {
      var group = friends[id].group || 'Friends';
      (groups[group] = groups[group] || []).push(friends[id]);
    });
    Object.keys(strangers).forEach(function (id) {
      if (!friends[id]) { (groups['Others'] = groups['Others'] || []).push(strangers[id]); }
    });
    var names = Object.keys(groups).sort();
    if (!names.length) {
      box.appendChild(el('p', {'class': 'hint', text: 'No friends yet: find people below and add them.'}));
    }
    names.forEach(function (group) {
      var list = el('ul', {'class': 'entries', 'aria-label': group});
      groups[group].sort(function (a, b) { return String(a.username).localeCompare(String(b.username)); })
        .forEach(function (user) {
          var li = entry('u:' + user.id, nameOf(user), user.presence || '');
          li.firstChild.classList.add(user.presence && user.presence !== 'offline' ? 'is-online' : 'is-offline');
          li.setAttribute('data-user', user.id);
          list.appendChild(li);
        });
      box.appendChild(el('h3', {text: group}));
      box.appendChild(list);
    });
  }

  var waitingRequests = [];  // friend requests waiting for my answer: [{from, text}]

  function storeRequests(list) {
    waitingRequests = list;
    renderRequests();
  }

  /** The requests the server keeps for my answer (those that came while this page was away too). */
  function loadRequests() {
    command('requests', {}, function (reply) {
      var known = {};
      waitingRequests.forEach(function (request) { known[request.from.id] = request; });
      storeRequests((reply.requests || []).map(function (request) {
        return known[request.from.id] || {from: request.from, message: false, text: ''};
      }));
    });
  }

  function renderRequests() {
    var list = $('requests');
    var requests = waitingRequests;
    list.textContent = '';
    $('requests-section').hidden = requests.length === 0;
    requests.forEach(function (request) {
      var answer = function (refuse) {
        return function () {
          command('reply', {to: request.from.id, refuse: refuse ? 1 : 0}, function () {
            storeRequests(waitingRequests.filter(function (r) { return r.from.id !== request.from.id; }));
            status(refuse ? 'Request refused.' : 'You are now friends with ' + nameOf(request.from) + '.');
            loadFriends();
          }, function (reply) {
            if (reply.code === 404) { // answered elsewhere
              storeRequests(waitingRequests.filter(function (r) { return r.from.id !== request.from.id; }));
              loadFriends();
            } else {
              status('reply: ' + reply.code, true);
            }
          });
        };
      };
      list.appendChild(el('li', {'data-user': request.from.id}, [
        el('span', {'class': 'name', text: nameOf(request.from)}),
        el('span', {'class': 'detail', text: request.message ? ' “' + request.text + '”' : ''}),
        el('button', {type: 'button', 'class': 'accept', text: 'Accept', onclick: answer(false),
          'aria-label': 'Accept ' + nameOf(request.from)}),
        el('button', {type: 'button', 'class': 'refuse', text: 'Refuse', onclick: answer(true),
          'aria-label': 'Refuse ' + nameOf(request.from)})
      ]));
    });
  }

  function textOf(html) {
    var doc = new DOMParser().parseFromString(html || '', 'text/html');
    return doc.body.textContent;
  }

  $('find-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var query = {};
    var field = $('find-field').value.trim();
    var value = $('find-value').value;
    query[field] = field === 'id' && /^[0-9]+$/.test(value) ? Number(value) : value;
    command('find', query, function (reply) {
      var results = $('find-results');
      results.textContent = '';
      var users = reply.users || [];
      if (!users.length) {
        results.appendChild(el('li', {'class': 'hint', text: 'Nobody found.'}));
      }
      users.forEach(function (user) {
        var actions = [el('span', {'class': 'name', text: nameOf(user)})];
        if (user.id !== me.id && !friends[user.id]) {
          actions.push(el('button', {type: 'button', 'class': 'add', text: 'Add friend',
            'aria-label': 'Add ' + nameOf(user) + ' as a friend', onclick: function () {
              command('subscribe', {to: user.id}, function () {
                status('Friend request sent to ' + nameOf(user) + '.');
              }, function (reply) {
                status(reply.code === 306 ? 'Already asked, or already friends.' : 'subscribe: ' + reply.code, true);
              });
            }}));
        }
        if (user.id !== me.id) {
          actions.push(el('button', {type: 'button', 'class': 'chat', text: 'Message',
            'aria-label': 'Write to ' + nameOf(user), onclick: function () {
              if (!friends[user.id]) { strangers[user.id] = user; renderFriends(); }
              openConversation('u:' + user.id);
            }}));
        }
        results.appendChild(el('li', {'data-user': user.id}, actions));
      });
    });
  });

  // ---------------------------------------------------------------- rooms

  function renderRooms() {
    var list = $('rooms');
    list.textContent = '';
    Object.keys(rooms).forEach(function (id) {
      var li = entry('r:' + id, '#' + id + ' ' + rooms[id].name, rooms[id].intro || '');
      li.setAttribute('data-room', id);
      list.appendChild(li);
    });
  }

  $('room-create-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var data = {name: $('room-name').value, private: $('room-private').checked};
    if ($('room-intro').value) { data.intro = $('room-intro').value; }
    command('room.create', data, function (reply) {
      $('room-name').value = '';
      $('room-intro').value = '';
      $('room-private').checked = false;
      rooms[reply.room.id] = reply.room;
      renderRooms();
      status('Room #' + reply.room.id + ' created: others join it by that number.');
      openConversation('r:' + reply.room.id);
    });
  });

  $('room-join-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var id = Number($('room-join-id').value);
    command('room.join', {id: id}, function () {
      $('room-join-id').value = '';
      status('Joined room #' + id + '.');
    }, function (reply) {
      status(reply.code === 404 ? 'No room #' + id + '.' : reply.message || 'room.join: ' + reply.code, true);
    });
  });

  socket.on('room.join', function (event) {
    if (me && event.user.id === me.id) {
      var known = !!rooms[event.room.id];
      rooms[event.room.id] = event.room;
      renderRooms();
      if (!known && event.newbie) { openConversation('r:' + event.room.id); }
    }
    if (current === 'r:' + event.room.id) {
      if (event.newbie) { systemLine(nameOf(event.user) + ' joined.'); }
      loadMembers(event.room.id);
    }
  });

  socket.on('room.leave', function (event) {
    if (me && event.user.id === me.id) {
      delete rooms[event.room.id];
      renderRooms();
    } else if (current === 'r:' + event.room.id) {
      systemLine(nameOf(event.user) + ' left.');
      loadMembers(event.room.id);
    }
  });

  /** Asks of room.list so far: only the answer to the latest one is shown (an older one may come later). */
  var membersAsked = 0;

  /** The members of the open room, with their roles; moderation buttons for the owner and admins. */
  function loadMembers(roomId) {
    var asked = ++membersAsked;
    command('room.list', {id: Number(roomId)}, function (reply) {
      if (current !== 'r:' + roomId || asked !== membersAsked) { return; }
      if (reply.room) {
        rooms[roomId] = reply.room;
        $('conversation-topic').textContent = reply.room.topic || '';
      }
      var owner = reply.room ? reply.room.owner : undefined;
      var admins = {};
      (reply.admins || []).forEach(function (id) { admins[id] = true; });
      var muted = {};
      (reply.muted || []).forEach(function (entry) { muted[entry.user] = entry.until || 'no end'; });
      var rank = function (id) { return id === owner ? 2 : admins[id] ? 1 : 0; };
      var myRank = me ? rank(me.id) : 0;
      var box = $('members');
      box.textContent = '';
      box.hidden = false;
      var list = el('ul', {id: 'member-list'});
      var add = function (user, online) {
        var role = user.id === owner ? 'owner' : admins[user.id] ? 'admin' : 'member';
        var label = nameOf(user) + (online ? ' (online)' : ' (offline)') + (role !== 'member' ? ', ' + role : '')
          + (muted[user.id] ? ', muted' : '');
        var li = el('li', {'class': online ? 'is-online' : 'is-offline', 'data-user': user.id, 'data-role': role},
          [el('span', {text: label})]);
        if (me && user.id !== me.id && myRank > rank(user.id)) {
          li.appendChild(moderation(roomId, user, role, !!muted[user.id], myRank === 2));
        }
        list.appendChild(li);
      };
      (reply.onlines || []).forEach(function (user) { add(user, true); });
      (reply.offlines || []).forEach(function (user) { add(user, false); });
      box.appendChild(el('h3', {text: 'Members'}));
      box.appendChild(list);
      if (myRank > 0) {
        box.appendChild(inviteForm(roomId));
      }
    });
  }

  function moderation(roomId, user, role, isMuted, isOwner) {
    var act = function (name, data, done) {
      data.id = Number(roomId);
      data.user = user.id;
      return function () {
        command(name, data, function () {
          status(done);
          loadMembers(roomId);
        });
      };
    };
    var buttons = [];
    var who = nameOf(user);
    if (isOwner) {
      buttons.push(role === 'admin'
        ? el('button', {type: 'button', 'class': 'demote', text: 'Make member', onclick: act('room.role', {role: 'member'}, who + ' is a member again.')})
        : el('button', {type: 'button', 'class': 'promote', text: 'Make admin', onclick: act('room.role', {role: 'admin'}, who + ' is an admin now.')}));
    }
    buttons.push(isMuted
      ? el('button', {type: 'button', 'class': 'unmute', text: 'Unmute', onclick: act('room.unmute', {}, who + ' may post again.')})
      : el('button', {type: 'button', 'class': 'mute', text: 'Mute 1 h', onclick: act('room.mute', {seconds: 3600}, who + ' is muted for an hour.')}));
    buttons.push(el('button', {type: 'button', 'class': 'kick', text: 'Remove', onclick: act('room.kick', {}, who + ' was removed.')}));
    buttons.push(el('button', {type: 'button', 'class': 'ban danger', text: 'Ban', onclick: act('room.ban', {}, who + ' is banned.')}));
    return el('span', {'class': 'moderation', 'aria-label': 'Moderate ' + who}, buttons);
  }

  /** Invites someone by username (found with find) into the room. */
  function inviteForm(roomId) {
    var input = el('input', {id: 'invite-username', required: 'required'});
    var form = el('form', {id: 'invite-form', 'class': 'small'}, [
      el('label', {'for': 'invite-username', text: 'Invite by username'}), input,
      el('button', {type: 'submit', text: 'Invite'})]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var username = input.value;
      command('find', {username: username}, function (reply) {
        var user = (reply.users || [])[0];
        if (!user) { status('Nobody is called ' + username + '.', true); return; }
        command('room.invite', {id: Number(roomId), user: user.id}, function () {
          input.value = '';
          status(nameOf(user) + ' is invited.');
        });
      });
    });
    return form;
  }

  function loadInvitations() {
    command('room.invitations', {}, function (reply) {
      var list = $('invitations');
      list.textContent = '';
      (reply.invitations || []).forEach(function (invitation) {
        var room = invitation.room;
        list.appendChild(el('li', {'data-room': room.id}, [
          el('span', {text: '#' + room.id + ' ' + room.name + ', from ' + nameOf(invitation.by) + ' '}),
          el('button', {type: 'button', 'class': 'accept', text: 'Join', onclick: function () {
            command('room.join', {id: room.id}, function () { loadInvitations(); });
          }})]));
      });
      $('invitations-section').hidden = list.children.length === 0;
    });
  }

  socket.on('room.invite', function (event) {
    if (me && event.user && event.user.id === me.id) { loadInvitations(); } // the members hear of others' invitations too
  });

  /** Someone was removed, banned, muted or given a role: those present see it; the one removed loses the room. */
  function roomChanged(what) {
    return function (event) {
      var id = event.room.id;
      if (me && event.user.id === me.id && (what === 'removed' || what === 'banned')) {
        delete rooms[id];
        renderRooms();
        if (current === 'r:' + id) { closeConversation(); }
        status('You were ' + what + ' from room #' + id + ' by ' + nameOf(event.by) + '.', true);
        return;
      }
      if (current === 'r:' + id) {
        systemLine(nameOf(event.user) + (what === 'role' ? ' is now ' + event.role : ' was ' + what) + '.');
        loadMembers(id);
      }
    };
  }

  socket.on('room.kick', roomChanged('removed'));
  socket.on('room.ban', roomChanged('banned'));
  socket.on('room.mute', roomChanged('muted'));
  socket.on('room.unmute', roomChanged('unmuted'));
  socket.on('room.role', roomChanged('role'));
  socket.on('room.update', function (event) {
    if (rooms[event.room.id]) {
      rooms[event.room.id] = event.room;
      renderRooms();
    }
    if (current === 'r:' + event.room.id) { renderConversationHead(); }
  });

  // ---------------------------------------------------------------- conversations

  function conversationOf(key) {
    return conversations[key] = conversations[key] || {ids: {}, page: 0, lastPage: 1, loading: false};
  }

  function keyOf(message) {
    if (message.room !== undefined && message.room !== null) { return 'r:' + message.room; }
    return 'u:' + (me && message.from && message.from.id === me.id ? message.to : message.from.id);
  }

  function timeText(millis) {
    var time = new Date(millis);
    var today = new Date();
    return time.toDateString() === today.toDateString() ? time.toLocaleTimeString() : time.toLocaleString();
  }

  /** Shows a message's text (HTML the server sanitized), or that it was retracted, with its edit mark. */
  function fillBody(body, mark, message) {
    if (message.retracted) {
      body.textContent = 'This message was retracted.';
      body.classList.add('retracted');
    } else {
      body.innerHTML = message.message; // sanitized by the server: shown as it stored it
      Array.prototype.forEach.call(body.querySelectorAll('a[href]'), function (link) {
        link.setAttribute('target', '_blank');
        link.setAttribute('rel', 'noopener noreferrer');
      });
    }
    mark.textContent = message.edited && !message.retracted ? '(edited)' : '';
  }

  function messageItem(message) {
    var mine = me && message.from && message.from.id === me.id;
    var body = el('div', {'class': 'body'});
    var mark = el('span', {'class': 'edited'});
    fillBody(body, mark, message);
    var li = el('li', {'class': 'message' + (mine ? ' mine' : ''), 'data-id': String(message.id || '')}, [
      el('span', {'class': 'from', text: mine ? 'me' : nameOf(message.from)}),
      el('time', {datetime: new Date(message.time).toISOString(), text: timeText(message.time)}),
      mark,
      body
    ]);
    if (mine && message.id && !message.retracted) {
      li.appendChild(el('span', {'class': 'own-actions'}, [
        el('button', {type: 'button', 'class': 'edit', text: 'Edit', 'aria-label': 'Edit this message',
          onclick: function () { startEdit(li, body); }}),
        el('button', {type: 'button', 'class': 'retract', text: 'Retract', 'aria-label': 'Retract this message',
          onclick: function () {
            command('message.retract', {id: message.id}, null, function (reply) {
              status(reply.code === 403 ? 'Too late to retract it.' : 'Not retracted (' + reply.code + ').', true);
            });
          }})
      ]));
    }
    return li;
  }

  function startEdit(li, body) {
    if (li.querySelector('form')) { return; }
    var id = Number(li.getAttribute('data-id'));
    var input = el('input', {'class': 'edit-text', value: body.textContent, 'aria-label': 'New text of the message'});
    var form = el('form', {'class': 'inline edit-form', onsubmit: function (event) {
      event.preventDefault();
      command('message.edit', {id: id, message: escapeHtml(input.value)}, function () {
        form.remove();
      }, function (reply) {
        status(reply.code === 403 ? 'Too late to edit it.' : 'Not edited (' + reply.code + ').', true);
      });
    }}, [input, el('button', {type: 'submit', text: 'Save'}),
      el('button', {type: 'button', text: 'Cancel', onclick: function () { form.remove(); }})]);
    li.appendChild(form);
    input.focus();
  }

  /** An edit or retraction of a message this page may show. */
  function messageChanged(change) {
    Array.prototype.forEach.call(document.querySelectorAll('li.message[data-id="' + change.id + '"]'), function (li) {
      fillBody(li.querySelector('.body'), li.querySelector('.edited'), change);
      if (change.retracted) {
        var actions = li.querySelector('.own-actions');
        if (actions) { actions.remove(); }
      }
    });
  }
  socket.on('message.edit', messageChanged);
  socket.on('message.retract', messageChanged);

  function systemLine(text) {
    var list = $('messages');
    list.appendChild(el('li', {'class': 'system', text: text}));
    list.scrollTop = list.scrollHeight;
  }

  /** Adds messages to the open conversation: newest at the bottom; older ones at the top. */
  function show(messages, older) {
    var list = $('messages');
    var state = conversationOf(current);
    var fresh = messages.filter(function (m) {
      if (m.id && state.ids[m.id]) { return false; }
      if (m.id) { state.ids[m.id] = true; }
      return true;
    });
    if (older) {
      var before = list.scrollHeight;
      var first = list.firstChild;
      fresh.forEach(function (m) { list.insertBefore(messageItem(m), first); });
      list.scrollTop += list.scrollHeight - before;
    } else {
      var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
      fresh.forEach(function (m) { list.appendChild(messageItem(m)); });
      if (atBottom || older === undefined) { list.scrollTop = list.scrollHeight; }
    }
    renderReceipts();
    markRead();
  }

  function loadOlder() {
    var key = current;
    var state = conversationOf(key);
    if (state.loading || state.page >= state.lastPage) { return; }
    state.loading = true;
    var query = {page: state.page + 1};
    query[key.charAt(0) === 'r' ? 'room' : 'from'] = Number(key.substring(2));
    command('log', query, function (reply) {
      state.loading = false;
      if (current !== key) { return; }
      state.page = reply.currentPage || query.page;
      state.lastPage = reply.lastPage;
      var docs = (reply.docs || []).slice().reverse(); // oldest first
      show(docs, state.page > 1);
      if (state.page === 1) { $('messages').scrollTop = $('messages').scrollHeight; }
      $('messages').setAttribute('data-pages', state.page + '/' + state.lastPage);
    }, function (reply) {
      state.loading = false;
      status('log: ' + (reply.message || reply.code), true);
    });
  }

  $('messages').addEventListener('scroll', function () {
    if ($('messages').scrollTop < 40 && current) { loadOlder(); }
  });

  function renderConversationHead() {
    var actions = $('conversation-actions');
    actions.textContent = '';
    var id = Number(current.substring(2));
    if (current.charAt(0) === 'u') {
      var user = userById(id);
      $('conversation-topic').textContent = '';
      $('conversation-title').textContent = (user ? nameOf(user) : 'User ' + id)
        + (user && user.presence ? ' — ' + user.presence : '');
      if (friends[id]) {
        var groupInput = el('input', {id: 'group-input', value: friends[id].group || '', maxlength: '64'});
        actions.appendChild(el('form', {'class': 'inline', onsubmit: function (event) {
          event.preventDefault();
          command('group', {to: id, group: groupInput.value}, function () {
            friends[id].group = groupInput.value;
            renderFriends();
            status('Group set.');
          });
        }}, [el('label', {'for': 'group-input', text: 'Group'}), groupInput,
          el('button', {type: 'submit', text: 'Set group'})]));
        actions.appendChild(el('button', {type: 'button', id: 'unfriend', text: 'Remove friend', onclick: function () {
          command('unsubscribe', {to: id}, function () {
            delete friends[id];
            delete strangers[id];
            renderFriends();
            renderConversationHead();
            status('Removed from your friends.');
          });
        }}));
      }
      actions.appendChild(el('button', {type: 'button', id: 'block-toggle', text: blocked[id] ? 'Unblock' : 'Block',
        'aria-pressed': blocked[id] ? 'true' : 'false', onclick: function () {
          var unblocking = !!blocked[id];
          command(unblocking ? 'unblock' : 'block', {id: id}, function () {
            if (unblocking) { delete blocked[id]; } else { blocked[id] = true; }
            renderConversationHead();
            status(unblocking ? 'Unblocked: you hear from them again.' : 'Blocked: nothing they send reaches you.');
          });
        }}));
      $('members').hidden = true;
    } else {
      var room = rooms[id];
      $('conversation-title').textContent = room ? '#' + id + ' ' + room.name : 'Room ' + id;
      $('conversation-topic').textContent = room && room.topic ? room.topic : '';
      actions.appendChild(el('button', {type: 'button', id: 'leave-room', text: 'Leave room', onclick: function () {
        command('room.leave', {id: id}, function () {
          delete rooms[id];
          renderRooms();
          closeConversation();
          status('You left room #' + id + '.');
        });
      }}));
      loadMembers(id);
    }
  }

  function closeConversation() {
    current = null;
    $('messages').textContent = '';
    $('composer').hidden = true;
    $('search-form').hidden = true;
    $('search-panel').hidden = true;
    $('members').hidden = true;
    $('conversation-actions').textContent = '';
    $('conversation-topic').textContent = '';
    $('conversation-title').textContent = 'Choose a friend or a room';
    document.body.classList.remove('reading');
  }

  function openConversation(key) {
    current = key;
    conversations[key] = {ids: {}, page: 0, lastPage: 1, loading: false};
    unread[key] = 0;
    $('messages').textContent = '';
    $('messages').removeAttribute('data-pages');
    $('composer').hidden = false;
    $('search-form').hidden = false;
    $('search-text').value = '';
    $('search-panel').hidden = true;
    $('typing').textContent = '';
    renderConversationHead();
    renderFriends();
    renderRooms();
    document.body.classList.add('reading');
    loadOlder();
    loadReads(key);
    $('composer-text').focus();
  }

  $('back').addEventListener('click', function () {
    document.body.classList.remove('reading');
    var button = document.querySelector('[data-key="' + current + '"]');
    if (button) { button.focus(); }
  });

  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }

  function send(key, html) {
    var id = Number(key.substring(2));
    if (key.charAt(0) === 'r') {
      command('room.message', {id: id, message: html}); // comes back as an event, as to every member
      return;
    }
    command('message', {to: id, message: html}, function () {
      if (current !== key) { return; }
      var item = messageItem({from: me, to: id, message: html, time: Date.now()});
      $('messages').appendChild(item);
      $('messages').scrollTop = $('messages').scrollHeight;
      // the answer carries no id: find the stored message, to edit it and see who read it
      command('log', {from: id, page: 1}, function (reply) {
        var state = conversationOf(key);
        var stored = (reply.docs || []).filter(function (doc) {
          return doc.from && doc.from.id === me.id && !state.ids[doc.id] && textOf(doc.message) === textOf(html);
        })[0];
        if (stored && current === key && item.parentNode) {
          state.ids[stored.id] = true;
          item.parentNode.replaceChild(messageItem(stored), item);
          renderReceipts();
        }
      });
    }, function (reply) {
      status(reply.code === 400 ? 'That message is too long.' : 'Not sent (' + reply.code + ').', true);
    });
  }

  $('composer').addEventListener('submit', function (event) {
    event.preventDefault();
    var text = $('composer-text').value;
    if (!text.trim() || !current) { return; }
    $('composer-text').value = '';
    send(current, escapeHtml(text).replace(/\n/g, '<br>'));
  });

  $('composer-text').addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });

  socket.on('message', function (message) {
    if (!me) { return; }
    if (message.type === 'request-subscription') {
      var requests = waitingRequests.filter(function (r) { return r.from.id !== message.from.id; });
      requests.push({from: message.from, message: !!message.message, text: textOf(message.message)});
      storeRequests(requests);
      status(nameOf(message.from) + ' asks to be your friend.');
      return;
    }
    if (message.type === 'agree' || message.type === 'refuse') {
      status(nameOf(message.from) + (message.type === 'agree' ? ' accepted' : ' refused') + ' your friend request.');
      loadFriends();
      return;
    }
    if (message.type === 'system') {
      status('Notice: ' + textOf(message.message));
      return;
    }
    var key = keyOf(message);
    if (typingShown[key + '|' + message.from.id]) {
      delete typingShown[key + '|' + message.from.id];
      renderTyping();
    }
    if (key.charAt(0) === 'u' && !friends[message.from.id] && message.from.id !== me.id) {
      strangers[message.from.id] = message.from;
    }
    if (key === current) {
      show([message], false);
    } else {
      unread[key] = (unread[key] || 0) + 1;
    }
    renderFriends();
    renderRooms();
  });

  // ---------------------------------------------------------------- read receipts

  var readPositions = {};  // conversation key -> {userId: upTo}
  var readSent = {};       // conversation key -> the position this page last sent
  var deliveredTo = {};    // conversation key -> {deviceId: upTo}, the other user's devices

  function conversationQuery(key) {
    var query = {};
    query[key.charAt(0) === 'r' ? 'room' : 'with'] = Number(key.substring(2));
    return query;
  }

  function loadReads(key) {
    command('reads', conversationQuery(key), function (reply) {
      var positions = {};
      (reply.reads || []).forEach(function (read) { positions[read.user] = read.upTo; });
      readPositions[key] = positions;
      if (current === key) { renderReceipts(); }
    });
    if (key.charAt(0) === 'u') {
      command('deliveries', conversationQuery(key), function (reply) {
        var devices = {};
        (reply.deliveries || []).forEach(function (row) {
          if (row.user !== me.id) { devices[row.device] = row.upTo; }
        });
        deliveredTo[key] = devices;
        if (current === key) { renderReceipts(); }
      });
    }
  }

  /** Tells the others how far this user has read the open conversation. */
  function markRead() {
    var key = current;
    var newest = 0;
    Array.prototype.forEach.call($('messages').querySelectorAll('li.message[data-id]'), function (li) {
      newest = Math.max(newest, Number(li.getAttribute('data-id')) || 0);
    });
    if (!key || !newest || newest <= (readSent[key] || 0) || document.hidden) { return; }
    readSent[key] = newest;
    var query = conversationQuery(key);
    query.upTo = newest;
    socket.command('read', query);
  }

  /** Under each of my messages: "Seen" (or "Delivered", to a device) in a conversation, "Read by N" in a room. */
  function renderReceipts() {
    var key = current;
    if (!key || !me) { return; }
    var positions = readPositions[key] || {};
    var devices = deliveredTo[key] || {};
    Array.prototype.forEach.call($('messages').querySelectorAll('li.message.mine[data-id]'), function (li) {
      var id = Number(li.getAttribute('data-id'));
      if (!id) { return; }
      var readers = Object.keys(positions).filter(function (user) {
        return Number(user) !== me.id && positions[user] >= id;
      }).length;
      var mark = li.querySelector('.receipt');
      if (!mark) {
        mark = el('span', {'class': 'receipt'});
        li.insertBefore(mark, li.querySelector('.body').nextSibling);
      }
      var delivered = Object.keys(devices).some(function (device) { return devices[device] >= id; });
      mark.textContent = readers > 0 ? (key.charAt(0) === 'u' ? 'Seen' : 'Read by ' + readers)
        : delivered ? 'Delivered' : '';
    });
  }

  socket.on('read', function (event) {
    if (!me) { return; }
    var key = event.room !== undefined && event.room !== null ? 'r:' + event.room
      : 'u:' + (event.by === me.id ? event.with : event.by);
    var positions = readPositions[key] = readPositions[key] || {};
    positions[event.by] = Math.max(positions[event.by] || 0, event.upTo);
    if (event.by === me.id) {
      readSent[key] = Math.max(readSent[key] || 0, event.upTo); // read on another device
      unread[key] = 0;
      renderFriends();
      renderRooms();
    }
    if (current === key) { renderReceipts(); }
  });

  socket.on('delivered', function (event) {
    var key = 'u:' + event.to;
    var devices = deliveredTo[key] = deliveredTo[key] || {};
    devices[event.device] = Math.max(devices[event.device] || 0, event.upTo);
    if (current === key) { renderReceipts(); }
  });

  document.addEventListener('visibilitychange', markRead);

  // ---------------------------------------------------------------- typing and search

  var lastTyping = {};   // conversation key -> when this page last told the others
  var typingShown = {};  // "key|user" -> {name, until}

  $('composer-text').addEventListener('input', function () {
    var key = current;
    if (!key || !$('composer-text').value || Date.now() - (lastTyping[key] || 0) < 2000) { return; }
    lastTyping[key] = Date.now();
    var data = {};
    data[key.charAt(0) === 'r' ? 'room' : 'to'] = Number(key.substring(2));
    socket.command('typing', data);
  });

  function renderTyping() {
    var now = Date.now();
    var names = [];
    Object.keys(typingShown).forEach(function (entryKey) {
      var shown = typingShown[entryKey];
      if (shown.until <= now) {
        delete typingShown[entryKey];
      } else if (entryKey.split('|')[0] === current) {
        names.push(shown.name);
      }
    });
    $('typing').textContent = names.length ? names.join(', ') + (names.length > 1 ? ' are' : ' is') + ' typing…' : '';
  }

  socket.on('typing', function (event) {
    if (!me) { return; }
    var key = event.room !== undefined && event.room !== null ? 'r:' + event.room : 'u:' + event.from;
    var user = userById(event.from);
    typingShown[key + '|' + event.from] = {name: user ? nameOf(user) : 'User ' + event.from,
      until: Date.now() + (event.expires || 5000)};
    renderTyping();
    setTimeout(renderTyping, (event.expires || 5000) + 50);
  });

  $('search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var key = current;
    var query = {text: $('search-text').value};
    query[key.charAt(0) === 'r' ? 'room' : 'from'] = Number(key.substring(2));
    command('search', query, function (reply) {
      if (current !== key) { return; }
      var list = $('search-results');
      list.textContent = '';
      (reply.docs || []).forEach(function (message) { list.appendChild(messageItem(message)); });
      var count = (reply.docs || []).length;
      $('search-title').textContent = count === 0 ? 'Nothing found'
        : (reply.lastPage > 1 ? 'The ' + count + ' newest of more' : count + (count === 1 ? ' message' : ' messages')) + ' found';
      $('search-panel').hidden = false;
      $('search-title').focus();
    });
  });

  $('search-close').addEventListener('click', function () {
    $('search-panel').hidden = true;
    $('search-text').focus();
  });

  // ---------------------------------------------------------------- files

  $('composer-file').addEventListener('change', function () {
    var file = $('composer-file').files[0];
    if (!file || !current) { return; }
    var key = current;
    command('upload', {}, function (reply) {
      var form = new FormData();
      form.append('file', file, file.name);
      pendingUploads.push({name: file.name, key: key, image: /^image\//.test(file.type)});
      status('Sending ' + file.name + '…');
      fetch(reply.url, {method: 'POST', body: form, credentials: 'same-origin'}).then(function (response) {
        if (!response.ok) {
          pendingUploads = pendingUploads.filter(function (p) { return p.name !== file.name; });
          status(response.status === 413 ? file.name + ' is too large.' : file.name + ' was not sent (' + response.status + ').', true);
        }
      }, function () {
        status(file.name + ' was not sent.', true);
      });
      $('composer-file').value = '';
    });
  });

  socket.on('upload', function (event) {
    var index = -1;
    pendingUploads.some(function (pending, i) {
      if (pending.name === event.filename) { index = i; return true; }
      return false;
    });
    if (index < 0) { return; } // uploaded from another page of mine
    var pending = pendingUploads.splice(index, 1)[0];
    var name = escapeHtml(event.filename);
    var url = escapeHtml(event.url);
    var html = pending.image
      ? '<a href="' + url + '"><img src="' + url + '" alt="' + name + '" width="240"></a>'
      : '<a href="' + url + '">' + name + '</a>';
    send(pending.key, html);
    status(event.filename + ' sent.');
  });
})();
