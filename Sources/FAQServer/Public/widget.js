/*!
 * FAQKit help widget — embed with one tag:
 *   <script src="https://HOST/widget.js" defer></script>
 * Optional attributes on that tag:
 *   data-api="https://HOST/base"   API base URL (default: the folder widget.js was loaded from)
 *   data-target="#css-selector"    render inline in that element instead of a floating button
 * No dependencies, no build step. All markup lives in a Shadow DOM so site CSS cannot leak in.
 */
(function () {
  'use strict';

  var script = document.currentScript ||
    document.querySelector('script[src$="widget.js"]');
  if (!script) return;

  // API base: data-api, else the directory of our own src ("http://h:p/widget.js" -> "http://h:p").
  var apiBase = (script.getAttribute('data-api') || new URL('.', script.src).href).replace(/\/+$/, '');
  var targetSelector = script.getAttribute('data-target');
  var LIMIT = 5;
  var DEBOUNCE_MS = 200;
  var uid = 'faqkit-' + Math.random().toString(36).slice(2, 8);

  // ---------- Safe text helpers ----------

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // Decode the few entities a server-side escaper produces (no DOM parsing involved).
  function decodeEntities(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, function (m, e) {
      var named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
      if (named) return named;
      var code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  }

  // Defence in depth: the server already escapes snippets, but we re-sanitize anyway.
  // Only balanced <em>…</em> survive; every other character is (re-)escaped.
  function highlightHtml(s) {
    var out = '', open = false;
    String(s || '').split(/(<\/?em>)/i).forEach(function (part) {
      var tag = part.toLowerCase();
      if (tag === '<em>') { if (!open) { out += '<em>'; open = true; } }
      else if (tag === '</em>') { if (open) { out += '</em>'; open = false; } }
      else out += escapeHtml(decodeEntities(part));
    });
    return open ? out + '</em>' : out;
  }

  function plainText(s) {
    return decodeEntities(String(s || '').replace(/<\/?em>/gi, ''));
  }

  function safeUrl(u) {
    try {
      var url = new URL(u, apiBase + '/');
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function link(href, text) {
    return el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, text);
  }

  // Title is plain text: highlight the terms the server marked in the snippet, via text nodes only.
  function renderTitle(node, title, snippet) {
    var terms = [];
    String(snippet || '').replace(/<em>(.*?)<\/em>/gi, function (m, t) {
      t = plainText(t).trim();
      if (t && terms.indexOf(t) < 0) terms.push(t);
    });
    title = String(title || '');
    if (!terms.length) { node.textContent = title; return; }
    terms.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp('(' + terms.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }).join('|') + ')', 'g');
    title.split(re).forEach(function (part, i) {
      node.appendChild(i % 2 ? el('em', null, part) : document.createTextNode(part));
    });
  }

  // Answer is markdown-ish: blank line = paragraph, newline = <br>, [text](http…) = link.
  var MD_LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
  function renderAnswer(container, answer) {
    String(answer || '').trim().split(/\n\s*\n/).forEach(function (para) {
      var p = el('p');
      para.split('\n').forEach(function (line, i) {
        if (i) p.appendChild(el('br'));
        var last = 0, m;
        MD_LINK.lastIndex = 0;
        while ((m = MD_LINK.exec(line))) {
          p.insertAdjacentHTML('beforeend', highlightHtml(line.slice(last, m.index)));
          var href = safeUrl(plainText(m[2]));
          if (href) p.appendChild(link(href, plainText(m[1])));
          else p.insertAdjacentHTML('beforeend', highlightHtml(m[0]));
          last = m.index + m[0].length;
        }
        p.insertAdjacentHTML('beforeend', highlightHtml(line.slice(last)));
      });
      container.appendChild(p);
    });
  }

  // ---------- Styles ----------

  var CSS = [
    // !important on :host beats even !important page rules that match the host element.
    ':host{all:initial!important;display:block!important;color:#1f2937!important;text-align:left!important;font:14px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif!important}',
    '*{box-sizing:border-box}',
    ':focus-visible{outline:2px solid #2563eb;outline-offset:2px}',
    '.launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;border:0;border-radius:999px;padding:12px 20px;background:#2563eb;color:#fff;font:inherit;font-weight:600;box-shadow:0 6px 20px rgba(37,99,235,.35);cursor:pointer}',
    '.launcher:hover{background:#1d4ed8}',
    '.panel{display:flex;flex-direction:column;background:#fff;border:1px solid #e5e7eb;border-radius:12px;overflow:hidden}',
    '.floating{position:fixed;right:24px;bottom:84px;z-index:2147483000;width:380px;max-width:calc(100vw - 32px);max-height:min(600px,calc(100vh - 120px));box-shadow:0 12px 40px rgba(15,23,42,.18)}',
    '.floating[hidden]{display:none}',
    'header{display:flex;align-items:center;justify-content:space-between;padding:12px 16px;background:#2563eb;color:#fff}',
    'header h2{margin:0;font-size:16px;font-weight:600}',
    '.close{border:0;background:transparent;color:#fff;font-size:20px;line-height:1;cursor:pointer;padding:2px 6px;border-radius:6px}',
    '.search{padding:14px 16px 8px}',
    'input{width:100%;padding:10px 12px;font:inherit;border:1px solid #d1d5db;border-radius:8px;background:#f9fafb;color:inherit}',
    'input:focus{outline:none;border-color:#2563eb;background:#fff;box-shadow:0 0 0 3px rgba(37,99,235,.2)}',
    '.status{padding:0 16px;min-height:22px;font-size:12px;color:#6b7280}',
    '.status.error{color:#b91c1c}',
    '.body{overflow-y:auto;padding:0 8px 12px}',
    '[role=listbox]{list-style:none;margin:0;padding:0}',
    '[role=option]{padding:10px 10px 10px 12px;border-radius:8px;border-left:3px solid transparent;cursor:pointer}',
    '[role=option]:hover{background:#f3f4f6}',
    '[role=option].active{background:#eff6ff;border-left-color:#2563eb}',
    '.title{font-weight:600;color:#111827}',
    '.meta{font-size:12px;color:#6b7280;margin-left:6px;font-weight:400}',
    '.snippet{font-size:13px;color:#4b5563;margin-top:2px}',
    'em{font-style:normal;color:#1d4ed8;background:#dbeafe;border-radius:2px;padding:0 1px}',
    '.answer{margin:2px 4px 10px 15px;padding:10px 12px;border-left:2px solid #bfdbfe;background:#f8fafc;border-radius:0 8px 8px 0}',
    '.answer p{margin:0 0 8px}',
    'a{color:#2563eb}',
    '.actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:6px;font-size:13px}',
    '.actions button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid #d1d5db;border-radius:999px;background:#fff;cursor:pointer;color:#374151}',
    '.actions button:hover{border-color:#2563eb;color:#2563eb}',
    '.actions .source{margin-right:auto}',
    '.thanks{color:#047857}',
    '.fallback{margin:4px 8px 10px;padding:12px;border-radius:8px;background:#fffbeb;border:1px solid #fde68a;color:#92400e}',
    '.fallback a{display:inline-block;margin-top:6px;font-weight:600}',
    '.hint{margin:4px 8px;color:#9ca3af;font-size:13px}'
  ].join('\n');

  // ---------- Widget ----------

  function mount() {
    var target = targetSelector ? document.querySelector(targetSelector) : null;
    var inline = !!target;
    var host = el('div', { 'data-faqkit': '' });
    (target || document.body).appendChild(host);
    var root = host.attachShadow({ mode: 'open' });
    root.appendChild(el('style', null, CSS));

    var panel = el('div', { class: 'panel', id: uid + '-panel' });
    var launcher = null;
    if (!inline) {
      panel.className += ' floating';
      panel.hidden = true;
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-labelledby', uid + '-h');
      var header = el('header');
      header.appendChild(el('h2', { id: uid + '-h' }, '帮助中心'));
      var closeBtn = el('button', { class: 'close', type: 'button', 'aria-label': '关闭' }, '×');
      closeBtn.addEventListener('click', function () { setOpen(false); });
      header.appendChild(closeBtn);
      panel.appendChild(header);
      launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false',
        'aria-controls': panel.id }, '帮助');
      launcher.addEventListener('click', function () { setOpen(panel.hidden); });
      root.appendChild(launcher);
    }

    var listId = uid + '-list';
    var searchBox = el('div', { class: 'search' });
    var input = el('input', {
      type: 'search', role: 'combobox', 'aria-label': '搜索帮助问题', placeholder: '输入您的问题，例如：发票多久能开出来',
      'aria-autocomplete': 'list', 'aria-controls': listId, 'aria-expanded': 'false', autocomplete: 'off'
    });
    searchBox.appendChild(input);
    var status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    var body = el('div', { class: 'body' });
    var list = el('ul', { role: 'listbox', id: listId, 'aria-label': '搜索结果' });
    body.appendChild(list);
    panel.appendChild(searchBox);
    panel.appendChild(status);
    panel.appendChild(body);
    root.appendChild(panel);

    var state = { query: '', hits: [], active: -1, expanded: -1 };
    var seq = 0, controller = null, timer = null;

    function setOpen(open) {
      if (!launcher) return;
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      if (open) input.focus(); else launcher.focus();
    }

    function setStatus(text, isError) {
      status.textContent = text || '';
      status.classList.toggle('error', !!isError);
    }

    function clearResults() {
      state.hits = []; state.active = -1; state.expanded = -1;
      list.textContent = '';
      body.querySelectorAll('.fallback, .hint').forEach(function (n) { n.remove(); });
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function showFallback(fb) {
      var box = el('div', { class: 'fallback' });
      box.appendChild(el('div', null, (fb && fb.message) || '没有找到合适的答案，请换个说法试试。'));
      var href = fb && fb.url && safeUrl(fb.url);
      if (href) box.appendChild(link(href, '联系我们 →'));
      body.insertBefore(box, list);
    }

    function render(q, data) {
      clearResults();
      state.query = q;
      host.setAttribute('data-query', q);  // lets tests/hosts see which query is on screen
      state.hits = Array.isArray(data.hits) ? data.hits : [];
      if (!data.answered || !state.hits.length) showFallback(data.fallback);
      state.hits.forEach(function (hit, i) {
        var item = el('li', { role: 'none' });
        var opt = el('div', { role: 'option', id: uid + '-opt-' + i, 'aria-selected': 'false' });
        var title = el('div', { class: 'title' });
        renderTitle(title, hit.title, hit.snippet);
        if (hit.category) title.appendChild(el('span', { class: 'meta' }, '· ' + hit.category));
        var snip = el('div', { class: 'snippet' });
        snip.innerHTML = highlightHtml(hit.snippet);  // sanitized: only <em> survives
        opt.appendChild(title);
        opt.appendChild(snip);
        opt.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep focus in input
        opt.addEventListener('click', function () { setActive(i); toggle(i); });
        item.appendChild(opt);
        list.appendChild(item);
      });
      input.setAttribute('aria-expanded', String(state.hits.length > 0));
      if (state.hits.length) {
        var total = data.estimatedTotalHits || state.hits.length;
        setStatus('找到约 ' + total + ' 条相关结果' +
          (typeof data.processingTimeMs === 'number' ? '（' + data.processingTimeMs + ' 毫秒）' : ''));
      } else setStatus('');
    }

    function setActive(i) {
      var opts = list.querySelectorAll('[role=option]');
      state.active = Math.max(-1, Math.min(i, opts.length - 1));
      opts.forEach(function (o, j) {
        o.classList.toggle('active', j === state.active);
        o.setAttribute('aria-selected', String(j === state.active));
      });
      if (state.active >= 0) {
        input.setAttribute('aria-activedescendant', opts[state.active].id);
        opts[state.active].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }

    function collapse() {
      var open = list.querySelector('.answer');
      if (open) open.remove();
      state.expanded = -1;
    }

    function toggle(i) {
      var wasOpen = state.expanded === i;
      collapse();
      if (wasOpen) return;
      var hit = state.hits[i];
      var ans = el('div', { class: 'answer', role: 'region', 'aria-label': '答案' });
      renderAnswer(ans, hit.answer);
      var actions = el('div', { class: 'actions' });
      var src = hit.url && safeUrl(hit.url);
      if (src) { var a = link(src, '查看原文'); a.className = 'source'; actions.appendChild(a); }
      var yes = el('button', { type: 'button', 'data-helpful': 'true' }, '有帮助');
      var no = el('button', { type: 'button', 'data-helpful': 'false' }, '没帮助');
      [yes, no].forEach(function (b) {
        b.addEventListener('click', function () { sendFeedback(hit, b === yes, actions); });
        actions.appendChild(b);
      });
      ans.appendChild(actions);
      list.children[i].appendChild(ans);
      state.expanded = i;
    }

    function sendFeedback(hit, helpful, actions) {
      var buttons = actions.querySelectorAll('button');
      buttons.forEach(function (b) { b.disabled = true; });
      var old = actions.querySelector('.thanks, .fb-error');
      if (old) old.remove();
      fetch(apiBase + '/v1/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: state.query, entryId: String(hit.id), helpful: helpful })
      }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        host.setAttribute('data-feedback-status', 'ok');
        buttons.forEach(function (b) { b.remove(); });
        actions.appendChild(el('span', { class: 'thanks', role: 'status' }, '感谢反馈'));
      }).catch(function () {
        host.setAttribute('data-feedback-status', 'error');
        buttons.forEach(function (b) { b.disabled = false; });
        actions.appendChild(el('span', { class: 'fb-error', role: 'status' }, '反馈提交失败，请稍后再试'));
      });
    }

    function search(q) {
      var mine = ++seq;
      if (controller) controller.abort();
      controller = new AbortController();
      setStatus('正在搜索…');
      fetch(apiBase + '/v1/search?q=' + encodeURIComponent(q) + '&limit=' + LIMIT, { signal: controller.signal })
        .then(function (res) {
          if (!res.ok) throw { server: true };
          return res.json();
        })
        .then(function (data) { if (mine === seq) render(q, data || {}); })
        .catch(function (err) {
          if (mine !== seq || (err && err.name === 'AbortError')) return;  // stale or superseded
          clearResults();
          setStatus(err && err.server ? '搜索服务暂时不可用，请稍后重试。' : '网络异常，暂时无法搜索，请检查网络后重试。', true);
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) {
        seq++;                       // invalidate anything in flight
        if (controller) controller.abort();
        clearResults(); setStatus('');
        return;
      }
      timer = setTimeout(function () { search(q); }, DEBOUNCE_MS);
    });

    input.addEventListener('keydown', function (e) {
      var n = state.hits.length;
      if (e.key === 'ArrowDown' && n) { e.preventDefault(); setActive(state.active + 1 < n ? state.active + 1 : 0); }
      else if (e.key === 'ArrowUp' && n) { e.preventDefault(); setActive(state.active > 0 ? state.active - 1 : n - 1); }
      else if (e.key === 'Enter') {
        e.preventDefault();
        if (state.active < 0 && n) setActive(0);
        if (state.active >= 0) toggle(state.active);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        if (state.expanded >= 0) collapse();
        else if (launcher) setOpen(false);
        else setActive(-1);
      }
    });

    // Escape anywhere in the panel (e.g. on a feedback button) behaves the same.
    panel.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || e.target === input) return;
      if (state.expanded >= 0) { collapse(); input.focus(); } else if (launcher) setOpen(false);
    });

    var hint = el('p', { class: 'hint' }, '输入关键词即可搜索常见问题。');
    body.insertBefore(hint, list);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
