/*
 * Brückenschlag chat widget. Embed with one tag:
 *
 *   <script src="https://BOT-HOST/widget.js" defer></script>
 *
 * Adds a chat button to the page; it opens the official Bot Framework Web Chat, connected to the assistant's own
 * Direct Line endpoint on the same host as this script. German by default, English when <html lang="en…"> (or
 * data-lang="en" on the script tag). Web Chat itself is loaded from this host only when the chat is first opened.
 *
 * The server fills in TEXTS (from src/texts.ts) and PRIVACY_URL (an external privacy notice, if configured) when it
 * serves this file.
 *
 * Privacy: the first screen links the privacy notice and offers "delete my data" (it sends the command; the bot asks
 * for confirmation). Images written into messages as Markdown are shown as links, so that no message makes the
 * visitor's browser contact another server. When the bot ends the conversation (after a deletion) the widget forgets
 * it and starts a new one the next time.
 */
(function () {
  'use strict';

  var TEXTS = /*__WIDGET_TEXTS__*/ null;
  var PRIVACY_URL = /*__PRIVACY_URL__*/ null;
  if (window.__brueckenschlagWidget || !TEXTS) return;
  window.__brueckenschlagWidget = true;

  var script =
    document.currentScript || document.querySelector('script[src$="/widget.js"], script[src*="/widget.js?"]');
  var origin = new URL(script.src, document.baseURI).origin;
  var requested = (script.getAttribute('data-lang') || document.documentElement.lang || 'de').toLowerCase();
  var lang = requested.indexOf('en') === 0 ? 'en' : 'de';
  var locale = lang === 'en' ? 'en-US' : 'de-DE';
  var t = TEXTS[lang];
  var STORAGE_KEY = 'brueckenschlag-chat';
  var privacyUrl = PRIVACY_URL || origin + '/privacy?lang=' + lang;

  /* Colours of the two regions' cooperation: deep blue, teal accent. */
  var COLORS = { primary: '#12436b', primaryDark: '#0b2e4b', accent: '#1d7a74', surface: '#ffffff', muted: '#f2f5f8', text: '#1b2733' };

  var styleOptions = {
    accent: COLORS.accent,
    primaryFont: "'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, sans-serif",
    backgroundColor: COLORS.surface,
    bubbleBackground: COLORS.muted,
    bubbleTextColor: COLORS.text,
    bubbleBorderRadius: 12,
    bubbleBorderWidth: 0,
    bubbleFromUserBackground: COLORS.primary,
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 12,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 520,
    // Width of each card in a carousel (provider answers): 300 px leaves 220–260 px of text per card in the 400-px
    // panel and on a phone, enough for long German words; the default 250 left 170–210.
    bubbleMinWidth: 300,
    botAvatarInitials: 'BS',
    botAvatarBackgroundColor: COLORS.primary,
    avatarSize: 32,
    hideUploadButton: true,
    sendBoxButtonColor: COLORS.primary,
    sendBoxButtonColorOnHover: COLORS.accent,
    sendBoxBorderTop: '1px solid #dde3ea',
    suggestedActionBackgroundColor: COLORS.surface,
    suggestedActionBorderColor: COLORS.primary,
    suggestedActionTextColor: COLORS.primary,
    suggestedActionBorderRadius: 16,
    suggestedActionLayout: 'flow',
    transitionDuration: '0s',
  };

  var css = [
    '.bs-chat-launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;display:inline-flex;align-items:center;gap:10px;',
    'padding:14px 20px;border:0;border-radius:999px;background:' + COLORS.primary + ';color:#fff;cursor:pointer;',
    "font:600 16px/1.2 'Segoe UI',system-ui,-apple-system,Roboto,Arial,sans-serif;box-shadow:0 8px 24px rgba(11,46,75,.28)}",
    '.bs-chat-launcher:hover{background:' + COLORS.primaryDark + '}',
    '.bs-chat-launcher:focus-visible,.bs-chat-close:focus-visible{outline:3px solid #f2b705;outline-offset:3px}',
    '.bs-chat-launcher svg{width:22px;height:22px;flex:none}',
    '.bs-chat-launcher[aria-expanded="true"]{background:' + COLORS.primaryDark + '}',
    '.bs-chat-panel{position:fixed;right:24px;bottom:96px;z-index:2147483001;display:flex;flex-direction:column;',
    'width:400px;height:min(720px,calc(100vh - 120px));background:#fff;border-radius:16px;overflow:hidden;',
    'box-shadow:0 16px 48px rgba(11,46,75,.32);border:1px solid #d5dde6}',
    '.bs-chat-panel[hidden]{display:none}',
    '.bs-chat-header{display:flex;align-items:center;justify-content:space-between;gap:12px;padding:14px 16px;',
    'background:linear-gradient(135deg,' + COLORS.primary + ',' + COLORS.accent + ');color:#fff}',
    "#bs-chat-title{margin:0;font:600 17px/1.3 'Segoe UI',system-ui,-apple-system,Roboto,Arial,sans-serif;color:#fff}",
    ".bs-chat-subtitle{margin:2px 0 0;font:400 13px/1.3 'Segoe UI',system-ui,-apple-system,Roboto,Arial,sans-serif;opacity:.9}",
    '.bs-chat-close{flex:none;width:36px;height:36px;border:0;border-radius:50%;background:rgba(255,255,255,.16);color:#fff;',
    'font-size:22px;line-height:36px;cursor:pointer}',
    '.bs-chat-close:hover{background:rgba(255,255,255,.28)}',
    '.bs-chat-body{position:relative;flex:1;min-height:0;background:#fff}',
    // Adaptive Cards clamp a TextBlock with maxLines by its own lines; Web Chat puts its Markdown into a <div><p> there,
    // which the clamp does not reach. Flowing that Markdown inline lets "maxLines" (a card's summary, its one line of
    // topic tags) end in "…" as it does in Teams.
    '.bs-chat-body .ac-textBlock[style*="line-clamp"]>.webchat__render-markdown{display:contents}',
    '.bs-chat-body .ac-textBlock[style*="line-clamp"]>.webchat__render-markdown>p{display:inline;margin:0}',
    ".bs-chat-privacy{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;margin:0;padding:8px 16px;background:#f2f5f8;",
    "border-bottom:1px solid #dde3ea;color:#44515f;font:400 13px/1.4 'Segoe UI',system-ui,-apple-system,Roboto,Arial,sans-serif}",
    '.bs-chat-privacy a{color:' + COLORS.primary + '}',
    '.bs-chat-delete{padding:0;border:0;background:none;color:' + COLORS.primary + ';font:inherit;text-decoration:underline;cursor:pointer}',
    '.bs-chat-delete:disabled{color:#8a96a3;cursor:default}',
    ".bs-chat-status{margin:0;padding:24px;color:#44515f;font:400 15px/1.5 'Segoe UI',system-ui,-apple-system,Roboto,Arial,sans-serif}",
    '@media (max-width:480px){.bs-chat-panel{right:0;bottom:0;width:100vw;height:100%;border-radius:0;border:0}',
    '.bs-chat-launcher[aria-expanded="true"]{display:none}}',
  ].join('');

  var ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 7 10zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 12 10zm5 0a1.25 1.25 0 1 0 0 2.5A1.25 1.25 0 0 0 17 10z"/></svg>';

  var launcher, panel, body, status, closeButton, deleteButton;
  var started = false;
  /** Web Chat's store, to send the delete command as the user's message. */
  var chatStore;
  var webChatLoading;

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    var style = el('style');
    style.textContent = css;
    document.head.appendChild(style);

    launcher = el('button', {
      type: 'button',
      class: 'bs-chat-launcher',
      // The visible text starts the accessible name (WCAG 2.5.3 "label in name").
      'aria-label': t.launcher + ' ' + t.launcherLabel,
      'aria-expanded': 'false',
      'aria-controls': 'bs-chat-panel',
      'aria-haspopup': 'dialog',
    });
    launcher.innerHTML = ICON;
    launcher.appendChild(el('span', { 'aria-hidden': 'true' }, t.launcher));

    panel = el('section', { id: 'bs-chat-panel', class: 'bs-chat-panel', role: 'dialog', 'aria-labelledby': 'bs-chat-title', lang: lang });
    panel.hidden = true;
    var header = el('header', { class: 'bs-chat-header' });
    var heading = el('div');
    heading.appendChild(el('h2', { id: 'bs-chat-title' }, t.title));
    heading.appendChild(el('p', { class: 'bs-chat-subtitle' }, t.subtitle));
    closeButton = el('button', { type: 'button', class: 'bs-chat-close', 'aria-label': t.closeLabel }, '×');
    header.appendChild(heading);
    header.appendChild(closeButton);
    var privacyBar = el('p', { class: 'bs-chat-privacy' });
    privacyBar.appendChild(el('span', {}, t.privacyIntro));
    privacyBar.appendChild(el('a', { href: privacyUrl, target: '_blank', rel: 'noopener noreferrer', class: 'bs-chat-privacy-link' }, t.privacyLink));
    deleteButton = el('button', { type: 'button', class: 'bs-chat-delete', disabled: '' }, t.deleteData);
    deleteButton.addEventListener('click', function () {
      if (chatStore) chatStore.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: t.deleteCommand } });
    });
    privacyBar.appendChild(deleteButton);
    body = el('div', { class: 'bs-chat-body' });
    status = el('p', { class: 'bs-chat-status', role: 'status' }, t.loading);
    body.appendChild(status);
    panel.appendChild(header);
    panel.appendChild(privacyBar);
    panel.appendChild(body);
    document.body.appendChild(launcher);
    document.body.appendChild(panel);

    // A <button> already opens on Enter and Space.
    launcher.addEventListener('click', function () {
      if (panel.hidden) open();
      else close();
    });
    launcher.addEventListener('pointerenter', loadWebChat);
    launcher.addEventListener('focus', loadWebChat);
    closeButton.addEventListener('click', close);
    launcher.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !panel.hidden) close();
    });
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        event.stopPropagation();
        close();
      }
    });
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    if (!started) {
      started = true;
      closeButton.focus();
      start().catch(function () {
        started = false;
        status.textContent = t.unavailable;
      });
    } else {
      focusSendBox();
    }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }

  function loadWebChat() {
    if (!webChatLoading) {
      webChatLoading = new Promise(function (resolve, reject) {
        if (window.WebChat) return resolve(window.WebChat);
        var tag = el('script', { src: origin + '/widget/webchat.js', async: '' });
        tag.onload = function () {
          resolve(window.WebChat);
        };
        tag.onerror = function () {
          webChatLoading = undefined;
          reject(new Error('Web Chat could not be loaded'));
        };
        document.head.appendChild(tag);
      });
    }
    return webChatLoading;
  }

  function post(path, token) {
    return fetch(origin + '/v3/directline' + path, {
      method: 'POST',
      headers: token ? { Authorization: 'Bearer ' + token } : { 'Content-Type': 'application/json' },
      body: token ? undefined : '{}',
    }).then(function (response) {
      if (!response.ok) throw new Error('Direct Line answered ' + response.status);
      return response.json();
    });
  }

  /** The conversation of this browser tab survives page changes (sessionStorage) as long as its token is valid. */
  function conversation() {
    var saved;
    try {
      saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    } catch (e) {
      saved = null;
    }
    var fresh = function () {
      return post('/tokens/generate').then(function (issued) {
        return remember(issued, false);
      });
    };
    if (saved && saved.expiresAt - Date.now() > 60000) {
      return post('/tokens/refresh', saved.token).then(function (issued) {
        return remember(issued, true);
      }, fresh);
    }
    return fresh();
  }

  function remember(issued, resumed) {
    try {
      sessionStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ conversationId: issued.conversationId, token: issued.token, expiresAt: Date.now() + issued.expires_in * 1000 }),
      );
    } catch (e) {
      /* storage may be disabled; the chat still works for this page */
    }
    return { conversationId: issued.conversationId, token: issued.token, resumed: resumed };
  }

  function start() {
    return Promise.all([loadWebChat(), conversation()]).then(function (results) {
      var WebChat = results[0];
      var session = results[1];
      var directLine = WebChat.createDirectLine({
        domain: origin + '/v3/directline',
        token: session.token,
        conversationId: session.resumed ? session.conversationId : undefined,
        webSocket: true,
        conversationStartProperties: { locale: locale },
      });
      // A fresh start (also after an ended conversation) replaces whatever the body showed.
      while (body.firstChild) body.removeChild(body.firstChild);
      var host = el('div', { class: 'bs-chat-webchat', style: 'height:100%' });
      body.appendChild(host);
      chatStore = WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
            if (activity && activity.type === 'endOfConversation') ended();
            return next(action);
          };
        };
      });
      var options = { directLine: directLine, locale: locale, styleOptions: styleOptions, store: chatStore };
      if (typeof WebChat.renderMarkdown === 'function') {
        options.renderMarkdown = function (markdown) {
          var rest = Array.prototype.slice.call(arguments, 1);
          return WebChat.renderMarkdown.apply(null, [imagesAsLinks(markdown)].concat(rest));
        };
      }
      WebChat.renderWebChat(options, host);
      deleteButton.removeAttribute('disabled');
      focusSendBox();
    });
  }

  /** Markdown images ("![alt](url)", "![alt][ref]") become links: the browser fetches nothing for them. */
  function imagesAsLinks(markdown) {
    return typeof markdown === 'string' ? markdown.replace(/!\[/g, '[') : markdown;
  }

  /** The bot ended the conversation (the user deleted their data): forget it; the next opening starts a new one. */
  function ended() {
    try {
      sessionStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      /* nothing stored */
    }
    started = false;
    chatStore = undefined;
    deleteButton.setAttribute('disabled', '');
    if (!panel.querySelector('.bs-chat-ended')) body.insertBefore(el('p', { class: 'bs-chat-status bs-chat-ended', role: 'status' }, t.ended), body.firstChild);
  }

  /** Moves focus into Web Chat's send box as soon as it exists. */
  function focusSendBox() {
    var tries = 0;
    (function attempt() {
      var input = panel.querySelector('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input');
      if (input) return input.focus();
      if (++tries < 50) setTimeout(attempt, 100);
    })();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', build);
  else build();
})();
