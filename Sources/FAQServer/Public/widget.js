/*!
 * FAQKit help widget — embed with one tag:
 *   <script src="https://HOST/widget.js" defer></script>
 * Optional attributes on that tag (see the README for the full table):
 *   data-api="https://HOST/base"     API base URL (default: the folder widget.js was loaded from)
 *   data-target="#css-selector"      render inline in that element instead of a floating button
 *   data-lang="en" | "zh"            the widget's own words (default: the page's lang, then the browser's)
 *   data-title="…"                   panel heading (floating) and the launcher's accessible name
 *   data-placeholder="…"             the search box's placeholder
 *   data-contact-url="https://…"     contact link for unanswered questions when the server gives none
 *   data-theme="auto" | "light" | "dark"   colour scheme (default: follow prefers-color-scheme)
 *   data-launcher="…"                text of the floating button
 * Colours and shape come from CSS custom properties set on the page (--faq-accent, …).
 * No dependencies, no build step. All markup lives in a shadow root so site CSS cannot leak in.
 *
 * Safety: answers are markdown from the corpus. They are parsed here and built as DOM nodes with
 * textContent only; no corpus text is ever assigned to innerHTML, and only http(s)/mailto links
 * and http(s) images are created.
 */
(function () {
  'use strict';

  var script = document.currentScript ||
    document.querySelector('script[src$="widget.js"]');
  if (!script) return;

  function attr(name) {
    var v = script.getAttribute(name);
    return v != null && v.trim() ? v.trim() : null;
  }

  // API base: data-api, else the directory of our own src ("http://h:p/widget.js" -> "http://h:p").
  var apiBase = (attr('data-api') || new URL('.', script.src).href).replace(/\/+$/, '');
  var targetSelector = attr('data-target');
  var LIMIT = 5;
  var DEBOUNCE_MS = 200;
  var uid = 'faqkit-' + Math.random().toString(36).slice(2, 8);

  // ---------- Language ----------

  var STRINGS = {
    en: {
      title: 'Help center', launcher: 'Help', close: 'Close help',
      inputLabel: 'Search the help articles', placeholder: 'Type your question',
      listLabel: 'Suggested articles', hint: 'Type a question; press Enter to ask it.',
      searching: 'Searching…', none: 'No matching articles.',
      count: function (n) { return n === 1 ? '1 result. Use the arrow keys to browse, Enter to open.'
        : n + ' results. Use the arrow keys to browse, Enter to open.'; },
      category: 'Category', excerpt: 'Part of a longer answer', source: 'View source', helpful: 'Was this helpful?', yes: 'Yes', no: 'No',
      thanks: 'Thanks for your feedback.', feedbackError: 'Your feedback could not be sent. Please try again later.',
      didYouMean: 'Did you mean:', related: 'Related questions', opened: 'Answer shown below: ',
      suggested: function (n) { return n === 1 ? 'One similar question is suggested below.' : n + ' similar questions are suggested below.'; },
      handoff: 'We could not find a confident answer to that.',
      handoffLink: 'Contact us', handoffNoLink: 'Try asking in other words.',
      serverError: 'The help service is unavailable right now. Please try again later.',
      networkError: 'Could not reach the help service. Please check your connection and try again.',
      table: 'Table', code: 'Code', newTab: '(opens in a new tab)', image: 'Image'
    },
    zh: {
      title: '帮助中心', launcher: '帮助', close: '关闭帮助',
      inputLabel: '搜索帮助问题', placeholder: '输入您的问题',
      listLabel: '相关问题', hint: '输入问题即可搜索，按 Enter 提问。',
      searching: '正在搜索…', none: '没有找到相关问题。',
      count: function (n) { return '找到 ' + n + ' 条相关结果，用方向键浏览，按 Enter 打开。'; },
      category: '分类', excerpt: '较长回答的节选', source: '查看原文', helpful: '这个回答有帮助吗？', yes: '有帮助', no: '没帮助',
      thanks: '感谢反馈。', feedbackError: '反馈提交失败，请稍后再试。',
      didYouMean: '您是不是想问：', related: '相关问题', opened: '答案已显示在下方：',
      suggested: function (n) { return '下方列出了 ' + n + ' 个相近的问题。'; },
      handoff: '没有找到足够确定的答案。',
      handoffLink: '联系我们', handoffNoLink: '请换个说法再试试。',
      serverError: '搜索服务暂时不可用，请稍后重试。',
      networkError: '网络异常，暂时无法搜索，请检查网络后重试。',
      table: '表格', code: '代码', newTab: '（在新标签页打开）', image: '图片'
    }
  };

  function pickLang() {
    var wanted = [attr('data-lang'), document.documentElement.getAttribute('lang')]
      .concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || '').toLowerCase().split(/[-_]/)[0];
      if (STRINGS[code]) return code;
    }
    return 'en';
  }
  var lang = pickLang();
  var T = STRINGS[lang];

  // ---------- Safe text helpers ----------

  // Decode the few entities the server's escaper produces (no DOM parsing involved).
  function decodeEntities(s) {
    return String(s || '').replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, function (m, e) {
      var named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
      if (named) return named;
      var code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  /// An absolute URL when `u` resolves (against `base`) to one of `schemes`, else null.
  function safeUrl(u, base, schemes) {
    try {
      var url = new URL(String(u).trim(), base || apiBase + '/');
      return (schemes || ['http:', 'https:']).indexOf(url.protocol) >= 0 ? url.href : null;
    } catch (e) { return null; }
  }
  var LINK_SCHEMES = ['http:', 'https:', 'mailto:'];

  /// A link that opens in a new tab, saying so to screen readers.
  function link(href, content) {
    var a = el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' });
    if (typeof content === 'string') a.textContent = content; else a.appendChild(content);
    a.appendChild(el('span', { class: 'sr-only' }, ' ' + T.newTab));
    return a;
  }

  // Snippets: the server marks matches with <em>…</em> around HTML-escaped text. Markdown syntax is
  // removed so the list reads as prose; the marks become <em> elements, everything else text nodes.
  var MARK_OPEN = '\uE000', MARK_CLOSE = '\uE001';
  // The server's <em> marks around HTML-escaped text, as plain text with the marks above.
  function markedText(s) {
    return decodeEntities(String(s || '').replace(/<em>/gi, MARK_OPEN).replace(/<\/em>/gi, MARK_CLOSE));
  }
  function snippetText(s) {
    var t = markedText(s)
      .replace(/[`~]{3,}[\w+-]*/g, ' ')                              // code fences
      .replace(/!\[([^\]]*)\]\([^)\s]*\)?/g, '$1')                   // images -> alt text
      .replace(/\[([^\]]*)\]\([^)\s]*\)?/g, '$1')                    // links -> their text
      .replace(/\]\([^)\s]*\)?/g, ' ')                               // a link cut by the snippet
      .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')                          // tags
      .replace(/\|?(\s*:?-{3,}:?\s*\|)+(\s*:?-{3,}:?\s*)?/g, ' ')    // table delimiter rows
      .replace(/\s*\|\s*/g, ' ')                                     // table cell pipes
      .replace(/(\*\*|__|~~|`)/g, '')                                // bold, strike, code marks
      .replace(/(^|\s)(#{1,6}|>|[*+])(?=\s)/g, '$1')                 // headings, quotes, bullets (a dash reads as prose)
      .replace(/\*(?=\S)|(\S)\*/g, '$1')                              // italic stars
      .replace(/\s+/g, ' ').trim();
    return t;
  }
  // Marked text as text nodes, the marked parts as <em> elements.
  function appendMarked(node, t) {
    var open = false;
    t.split(/([\uE000\uE001])/).forEach(function (part) {
      if (part === MARK_OPEN) open = true;
      else if (part === MARK_CLOSE) open = false;
      else if (part) node.appendChild(open ? el('em', null, part) : document.createTextNode(part));
    });
  }
  function renderSnippet(node, s) {
    appendMarked(node, snippetText(s));
  }

  // Titles are plain text. The server marks a title's own matches in `highlightedTitle` (HTML-escaped
  // text with <em> marks); built here as text nodes and <em> elements only. A server without it:
  // highlight the terms it marked in the snippet.
  function renderTitle(node, title, snippet, highlighted) {
    if (typeof highlighted === 'string') { appendMarked(node, markedText(highlighted)); return; }
    var terms = [];
    String(snippet || '').replace(/<em>(.*?)<\/em>/gi, function (m, t) {
      t = decodeEntities(t).trim();
      if (t && terms.indexOf(t) < 0) terms.push(t);
    });
    title = String(title || '');
    if (!terms.length) { node.appendChild(document.createTextNode(title)); return; }
    terms.sort(function (a, b) { return b.length - a.length; });
    var re = new RegExp('(' + terms.map(function (t) {
      return t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }).join('|') + ')', 'gi');
    title.split(re).forEach(function (part, i) {
      if (part) node.appendChild(i % 2 ? el('em', null, part) : document.createTextNode(part));
    });
  }

  // ---------- Markdown (a safe subset, rendered as DOM nodes) ----------

  /// Renders markdown `src` into `parent`. `base` resolves relative links (the entry's source page).
  function renderMarkdown(parent, src, base) {
    var lines = String(src || '').replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
    blocks(lines, parent, { base: base, depth: 0 }, false);
  }

  var FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;
  var HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
  var RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
  var QUOTE = /^ {0,3}> ?/;
  var ITEM = /^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$/;
  var DELIM_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

  function isBlank(line) { return !/\S/.test(line); }
  function indentOf(line) { return line.match(/^ */)[0].length; }

  function tableCells(line) {
    var s = line.trim();
    if (s[0] === '|') s = s.slice(1);
    if (s[s.length - 1] === '|' && s[s.length - 2] !== '\\') s = s.slice(0, -1);
    var cells = [], cur = '', code = false;
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === '\\' && s[i + 1] === '|') { cur += '|'; i++; continue; }
      if (c === '`') code = !code;
      if (c === '|' && !code) { cells.push(cur.trim()); cur = ''; } else cur += c;
    }
    cells.push(cur.trim());
    return cells;
  }

  function isTableStart(lines, i) {
    return lines[i].indexOf('|') >= 0 && i + 1 < lines.length && lines[i + 1].indexOf('-') >= 0 &&
      lines[i + 1].indexOf('|') >= 0 && DELIM_ROW.test(lines[i + 1]) &&
      tableCells(lines[i + 1]).length === tableCells(lines[i]).length;
  }

  function startsBlock(lines, i) {
    var l = lines[i];
    return FENCE.test(l) || HEADING.test(l) || RULE.test(l) || QUOTE.test(l) || ITEM.test(l) || isTableStart(lines, i);
  }

  /// Block structure: fenced code, headings, rules, quotes, tables, lists, paragraphs. `tight`
  /// renders paragraphs without <p> (inside a list item with no blank lines).
  function blocks(lines, parent, ctx, tight) {
    if (ctx.depth > 12) { parent.appendChild(document.createTextNode(lines.join('\n'))); return; }
    var i = 0, m;
    while (i < lines.length) {
      var line = lines[i];
      if (isBlank(line)) { i++; continue; }

      if ((m = line.match(FENCE))) {
        var fence = m[1], body = [];
        var pad = indentOf(line);
        i++;
        while (i < lines.length && !(new RegExp('^ {0,3}' + fence[0] + '{' + fence.length + ',}\\s*$').test(lines[i]))) {
          body.push(lines[i].replace(new RegExp('^ {0,' + pad + '}'), ''));
          i++;
        }
        i++;  // the closing fence (or the end)
        var pre = el('pre', { tabindex: '0', role: 'region', 'aria-label': T.code + (m[2] ? ' (' + m[2] + ')' : '') });
        var code = el('code', null, body.join('\n'));
        if (m[2]) code.setAttribute('data-language', m[2]);
        pre.appendChild(code);
        parent.appendChild(pre);
        continue;
      }

      if ((m = line.match(HEADING))) {
        // The panel title is an h2 and an answer's question an h3: answer headings start at h4.
        var h = el('h' + Math.min(6, m[1].length + 3), { class: 'md-h' });
        inline(m[2] || '', h, ctx);
        parent.appendChild(h);
        i++;
        continue;
      }

      if (RULE.test(line)) { parent.appendChild(el('hr')); i++; continue; }

      if (QUOTE.test(line)) {
        var quoted = [];
        while (i < lines.length && QUOTE.test(lines[i])) { quoted.push(lines[i].replace(QUOTE, '')); i++; }
        var bq = el('blockquote');
        blocks(quoted, bq, { base: ctx.base, depth: ctx.depth + 1 }, false);
        parent.appendChild(bq);
        continue;
      }

      if (isTableStart(lines, i)) {
        var head = tableCells(lines[i]);
        var aligns = tableCells(lines[i + 1]).map(function (c) {
          var l = c[0] === ':', r = c[c.length - 1] === ':';
          return l && r ? 'center' : r ? 'right' : l ? 'left' : '';
        });
        i += 2;
        var wrap = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': T.table });
        var table = el('table');
        var thead = el('thead'), tr = el('tr');
        head.forEach(function (c, k) {
          var th = el('th', { scope: 'col' });
          if (aligns[k]) th.style.textAlign = aligns[k];
          inline(c, th, ctx);
          tr.appendChild(th);
        });
        thead.appendChild(tr);
        table.appendChild(thead);
        var tbody = el('tbody');
        while (i < lines.length && !isBlank(lines[i]) && lines[i].indexOf('|') >= 0) {
          var row = el('tr'), cells = tableCells(lines[i]);
          for (var k = 0; k < head.length; k++) {
            var td = el('td');
            if (aligns[k]) td.style.textAlign = aligns[k];
            inline(cells[k] || '', td, ctx);
            row.appendChild(td);
          }
          tbody.appendChild(row);
          i++;
        }
        table.appendChild(tbody);
        wrap.appendChild(table);
        parent.appendChild(wrap);
        continue;
      }

      if ((m = line.match(ITEM))) { i = list(lines, i, parent, ctx); continue; }

      // Paragraph: until a blank line or the start of another block. Line breaks are kept (the
      // corpus writes one sentence per line, and Chinese text must not gain spaces).
      var para = [line.trim()];
      i++;
      while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i)) { para.push(lines[i].trim()); i++; }
      var p = el('p', tight ? { class: 'tight' } : null);
      para.forEach(function (text, k) {
        if (k) p.appendChild(el('br'));
        inline(text, p, ctx);
      });
      parent.appendChild(p);
    }
  }

  /// One list (ordered or not) starting at line `i`, with nested blocks in its items. Returns the
  /// index of the first line after it.
  function list(lines, i, parent, ctx) {
    var first = lines[i].match(ITEM);
    var ordered = /\d/.test(first[2]);
    var marker = ordered ? first[2].slice(-1) : first[2];
    var base = first[1].length;
    var node = el(ordered ? 'ol' : 'ul');
    if (ordered && parseInt(first[2], 10) !== 1) node.setAttribute('start', String(parseInt(first[2], 10)));
    var items = [];
    while (i < lines.length) {
      var m = lines[i].match(ITEM);
      if (!m || m[1].length < base || m[1].length > base + 1) break;
      var isOrdered = /\d/.test(m[2]);
      if (isOrdered !== ordered || (ordered ? m[2].slice(-1) : m[2]) !== marker) break;
      var contentIndent = m[1].length + m[2].length + Math.min(Math.max(m[3].length, 1), 4);
      var body = [m[4]], loose = false;
      i++;
      while (i < lines.length) {
        var l = lines[i];
        if (isBlank(l)) {
          // A blank line continues the item only when the next text is indented into it.
          var j = i + 1;
          while (j < lines.length && isBlank(lines[j])) j++;
          if (j < lines.length && indentOf(lines[j]) >= contentIndent) { body.push(''); loose = true; i++; continue; }
          break;
        }
        // Nested content keeps its indentation (normalizeNested strips the common part), so a
        // sub-list indented by two spaces under "1. " is still a sub-list.
        if (indentOf(l) >= contentIndent) { body.push(l); i++; continue; }
        var im = l.match(ITEM);
        if (im) {
          if (im[1].length > base + 1) { body.push(l); i++; continue; }
          break;
        }
        if (body[body.length - 1] !== '' && !startsBlock(lines, i)) {  // a lazy continuation line
          var prev = body.length > 1 ? indentOf(body[body.length - 1]) : contentIndent;
          body.push(new Array(prev + 1).join(' ') + l.trim());
          i++;
          continue;
        }
        break;
      }
      items.push({ body: body, loose: loose });
      // Blank lines between items of the same list.
      var k = i;
      while (k < lines.length && isBlank(lines[k])) k++;
      if (k > i && k < lines.length) {
        var next = lines[k].match(ITEM);
        if (next && next[1].length >= base && next[1].length <= base + 1 && /\d/.test(next[2]) === ordered) i = k;
      }
    }
    items.forEach(function (item) {
      var li = el('li');
      blocks(normalizeNested(item.body), li, { base: ctx.base, depth: ctx.depth + 1 }, !item.loose);
      node.appendChild(li);
    });
    parent.appendChild(node);
    return i;
  }

  /// Nested lines kept at their own relative indentation: strip the smallest common indent of the
  /// lines after the first, so a sub-list indented by two spaces parses as one.
  function normalizeNested(body) {
    var rest = body.slice(1).filter(function (l) { return !isBlank(l); });
    if (!rest.length) return body;
    var min = Math.min.apply(null, rest.map(indentOf));
    return [body[0]].concat(body.slice(1).map(function (l) { return l.slice(Math.min(min, indentOf(l))); }));
  }

  var BARE_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+/;
  var AUTOLINK = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i;
  var TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;
  var BREAK_TAG = /^<br\s*\/?>/i;

  /// Inline markdown into `parent`: code spans, images, links, autolinks, emphasis, strike-through,
  /// backslash escapes. Raw HTML tags are shown as the text they are (a `<br>` is a line break).
  function inline(src, parent, ctx, noLinks) {
    var buf = '', i = 0, n = src.length;
    function flush() { if (buf) { parent.appendChild(document.createTextNode(buf)); buf = ''; } }
    while (i < n) {
      var c = src[i], rest, m;
      if (c === '\\' && i + 1 < n && /[!-\/:-@\[-`{-~]/.test(src[i + 1])) { buf += src[i + 1]; i += 2; continue; }
      if (c === '`') {
        var run = src.slice(i).match(/^`+/)[0];
        var close = src.indexOf(run, i + run.length);
        while (close >= 0 && src[close + run.length] === '`') close = src.indexOf(run, close + run.length + 1);
        if (close < 0) { buf += run; i += run.length; continue; }
        var codeText = src.slice(i + run.length, close);
        if (/^ .* $/.test(codeText)) codeText = codeText.slice(1, -1);
        flush();
        parent.appendChild(el('code', null, codeText));
        i = close + run.length;
        continue;
      }
      if ((c === '[' || (c === '!' && src[i + 1] === '[')) && (m = linkAt(src, c === '!' ? i + 1 : i))) {
        flush();
        if (c === '!') {
          var imgSrc = safeUrl(m.url, ctx.base);
          if (imgSrc) {
            parent.appendChild(el('img', { src: imgSrc, alt: m.text, loading: 'lazy', decoding: 'async',
              referrerpolicy: 'no-referrer' }));
          } else if (m.text) parent.appendChild(document.createTextNode(m.text));
        } else {
          var href = noLinks ? null : safeUrl(m.url, ctx.base, LINK_SCHEMES);
          var target = href ? document.createDocumentFragment() : parent;
          inline(m.text, target, ctx, true);
          if (href) parent.appendChild(link(href, target));
        }
        i = m.end;
        continue;
      }
      if (c === '<') {
        rest = src.slice(i);
        if ((m = rest.match(AUTOLINK)) && !noLinks) {
          var auto = safeUrl(m[1], null, LINK_SCHEMES);
          flush();
          if (auto) parent.appendChild(link(auto, m[1].replace(/^mailto:/i, '')));
          else parent.appendChild(document.createTextNode(m[0]));
          i += m[0].length;
          continue;
        }
        if ((m = rest.match(BREAK_TAG))) {
          // A <br> ending a line adds nothing: the line break itself is already one.
          if (/\S/.test(rest.slice(m[0].length))) { flush(); parent.appendChild(el('br')); }
          i += m[0].length;
          continue;
        }
      }
      if (c === 'h' && !noLinks && (i === 0 || !/[A-Za-z0-9]/.test(src[i - 1])) && (m = src.slice(i).match(BARE_URL))) {
        var url = m[0];
        // Trailing punctuation and unbalanced closing parentheses belong to the sentence.
        while (/[.,;:!?'*]$/.test(url) || (/\)$/.test(url) && (url.split('(').length < url.split(')').length))) url = url.slice(0, -1);
        var bare = safeUrl(url, null, LINK_SCHEMES);
        if (bare) { flush(); parent.appendChild(link(bare, url)); i += url.length; continue; }
      }
      if (c === '*' || c === '_' || c === '~') {
        var span = emphasisAt(src, i);
        if (span) {
          flush();
          var tags = span.tag.split(' '), outer = el(tags[0]), inner = outer;
          if (tags[1]) { inner = el(tags[1]); outer.appendChild(inner); }
          inline(src.slice(span.start, span.stop), inner, ctx, noLinks);
          parent.appendChild(outer);
          i = span.end;
          continue;
        }
        var same = src.slice(i).match(c === '*' ? /^\*+/ : c === '_' ? /^_+/ : /^~+/)[0];
        buf += same;
        i += same.length;
        continue;
      }
      buf += c;
      i++;
    }
    flush();
  }

  /// `[text](url "title")` starting at `i` (the `[`): its text, url and end, or null.
  function linkAt(src, i) {
    var depth = 0, j = i;
    for (; j < src.length; j++) {
      var ch = src[j];
      if (ch === '\\') { j++; continue; }
      if (ch === '`') { var close = src.indexOf('`', j + 1); if (close < 0) break; j = close; continue; }
      if (ch === '[') depth++;
      else if (ch === ']' && --depth === 0) break;
    }
    if (depth !== 0 || src[j + 1] !== '(') return null;
    var k = j + 2, parens = 0, url = '';
    while (k < src.length && src[k] === ' ') k++;
    if (src[k] === '<') {
      var gt = src.indexOf('>', k);
      if (gt < 0) return null;
      url = src.slice(k + 1, gt);
      k = gt + 1;
    } else {
      for (; k < src.length; k++) {
        var c = src[k];
        if (c === '\\' && k + 1 < src.length) { url += src[++k]; continue; }
        if (c === '(') parens++;
        else if (c === ')') { if (parens === 0) break; parens--; }
        else if (/\s/.test(c)) break;
        url += c;
      }
    }
    var tail = src.slice(k).match(/^\s*(?:"[^"]*"|'[^']*')?\s*\)/);
    if (!tail) return null;
    return { text: src.slice(i + 1, j), url: url, end: k + tail[0].length };
  }

  /// Emphasis starting at `i`: `***both***`, `**strong**`, `__strong__`, `*em*`, `_em_`, `~~del~~`. Underscores
  /// only at word boundaries, so `max_tokens` stays as it is.
  function emphasisAt(src, i) {
    var c = src[i];
    var isWord = function (ch) { return ch != null && /[\p{L}\p{N}]/u.test(ch); };
    var lens = c === '~' ? [2] : src[i + 1] !== c ? [1] : src[i + 2] === c ? [3, 2, 1] : [2, 1];
    for (var t = 0; t < lens.length; t++) {
      var len = lens[t], delim = c === '~' ? '~~' : new Array(len + 1).join(c);
      if (src.slice(i, i + len) !== delim) continue;
      var after = src[i + len];
      if (after == null || /\s/.test(after)) continue;
      if (c === '_' && isWord(src[i - 1])) continue;
      var j = i + len;
      while ((j = src.indexOf(delim, j + 1)) >= 0) {
        if (len === 1 && (src[j + 1] === c || src[j - 1] === c)) { while (src[j + 1] === c) j++; continue; }
        if (/\s/.test(src[j - 1])) continue;
        if (c === '_' && isWord(src[j + len])) continue;
        // A code span in between hides its delimiters.
        var between = src.slice(i + len, j);
        if ((between.match(/`/g) || []).length % 2) continue;
        return { tag: c === '~' ? 'del' : len === 3 ? 'strong em' : len === 2 ? 'strong' : 'em', start: i + len, stop: j, end: j + len };
      }
    }
    return null;
  }

  // ---------- Styles ----------

  var LIGHT = '--_bg:var(--faq-bg,#fff);--_text:var(--faq-text,#1f2937);--_muted:var(--faq-muted,#4b5563);' +
    '--_border:var(--faq-border,#d1d5db);--_surface:var(--faq-surface,#f8fafc);--_hover:var(--faq-hover,#f1f5f9);' +
    '--_accent:var(--faq-accent,#1d4ed8);--_accent-text:var(--faq-accent-text,#fff);--_link:var(--faq-link,var(--_accent));' +
    '--_mark-bg:#dbeafe;--_mark:#1e3a8a;--_code-bg:#eef2f7;--_pre-bg:#0f172a;--_pre-text:#e2e8f0;' +
    '--_band-bg:#eff6ff;--_band-border:#bfdbfe;--_warn-bg:#fffbeb;--_warn-border:#f59e0b;--_warn-text:#78350f;--_ok:#047857;--_err:#b91c1c;';
  var DARK = '--_bg:var(--faq-bg,#111827);--_text:var(--faq-text,#e5e7eb);--_muted:var(--faq-muted,#9ca3af);' +
    '--_border:var(--faq-border,#374151);--_surface:var(--faq-surface,#1f2937);--_hover:var(--faq-hover,#1f2937);' +
    '--_accent:var(--faq-accent,#2563eb);--_accent-text:var(--faq-accent-text,#fff);--_link:var(--faq-link,#93c5fd);' +
    '--_mark-bg:#1e3a8a;--_mark:#dbeafe;--_code-bg:#374151;--_pre-bg:#030712;--_pre-text:#e5e7eb;' +
    '--_band-bg:#172554;--_band-border:#1e40af;--_warn-bg:#451a03;--_warn-border:#b45309;--_warn-text:#fde68a;--_ok:#6ee7b7;--_err:#fca5a5;';

  var CSS = [
    // !important on :host beats even !important page rules that match the host element.
    ':host{all:initial!important;display:block!important;' + LIGHT + 'color:var(--_text)!important;text-align:left!important;' +
      'font:var(--faq-font-size,14px)/1.6 var(--faq-font,-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif)!important}',
    '@media (prefers-color-scheme:dark){:host(:not([data-theme=light])){' + DARK + '}}',
    ':host([data-theme=dark]){' + DARK + '}',
    '*{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}',
    ':focus-visible{outline:3px solid var(--_accent);outline-offset:2px}',
    '.launcher{position:fixed;right:24px;bottom:24px;z-index:2147483000;border:0;border-radius:999px;padding:12px 20px;background:var(--_accent);color:var(--_accent-text);font:inherit;font-weight:600;box-shadow:0 6px 20px rgba(15,23,42,.3);cursor:pointer}',
    '.launcher:focus-visible{outline-color:var(--_text)}',
    '.panel{display:flex;flex-direction:column;min-width:0;max-width:100%;background:var(--_bg);color:var(--_text);border:1px solid var(--_border);border-radius:var(--faq-radius,12px);overflow:hidden}',
    '.floating{position:fixed;right:24px;bottom:84px;z-index:2147483000;width:var(--faq-width,400px);max-width:calc(100vw - 32px);max-height:min(640px,calc(100vh - 120px));box-shadow:0 12px 40px rgba(15,23,42,.25);animation:faq-in .16s ease-out}',
    '@keyframes faq-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}',
    '@media (max-width:480px){.floating{right:8px;left:8px;bottom:76px;width:auto;max-width:none;max-height:calc(100vh - 92px)}.launcher{right:16px;bottom:16px}}',
    'header{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:12px 16px;background:var(--_accent);color:var(--_accent-text)}',
    'header h2{margin:0;font-size:16px;font-weight:600}',
    '.close{border:0;background:transparent;color:inherit;font:inherit;font-size:20px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}',
    '.close:focus-visible{outline-color:var(--_accent-text);outline-offset:-3px}',
    '.search{padding:14px 16px 6px}',
    'input{width:100%;padding:10px 12px;font:inherit;border:1px solid var(--_border);border-radius:8px;background:var(--_bg);color:var(--_text)}',
    'input::placeholder{color:var(--_muted);opacity:1}',
    'input:focus{outline:none;border-color:var(--_accent);box-shadow:0 0 0 3px color-mix(in srgb,var(--_accent) 35%,transparent)}',
    'input::-webkit-search-cancel-button{cursor:pointer}',
    '.status{padding:0 16px;min-height:22px;font-size:12px;color:var(--_muted)}',
    '.status.error{color:var(--_err)}',
    '.status.sr-only{padding:0;min-height:0}',
    '.body{overflow-y:auto;overflow-x:hidden;padding:0 8px 12px;min-width:0;overflow-wrap:anywhere}',
    '[role=listbox]{margin:0;padding:0}',
    '[role=option]{padding:8px 10px 8px 12px;border-radius:8px;border-left:3px solid transparent;cursor:pointer}',
    '[role=option]:hover{background:var(--_hover)}',
    '[role=option].active{background:var(--_hover);border-left-color:var(--_accent);outline:2px solid var(--_accent);outline-offset:-2px}',
    '[role=option].open{background:var(--_band-bg)}',
    '.title{font-weight:600}',
    '.meta{font-size:12px;color:var(--_muted);font-weight:400}',
    '.title .meta{margin-left:6px}',
    '.snippet{font-size:13px;color:var(--_muted);margin-top:2px;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}',
    'em{font-style:normal;color:var(--_mark);background:var(--_mark-bg);border-radius:2px;padding:0 1px}',
    '.band{margin:6px 8px 8px;padding:10px 12px;border-radius:8px;border:1px solid var(--_band-border);background:var(--_band-bg)}',
    '.band p{margin:0 0 6px;font-weight:600}',
    '.band ul{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}',
    '.band button{all:unset;box-sizing:border-box;display:block;width:100%;padding:6px 8px;border-radius:6px;color:var(--_link);text-decoration:underline;cursor:pointer;overflow-wrap:anywhere}',
    '.band button:hover{background:var(--_hover)}',
    '.band button:focus-visible{outline:3px solid var(--_accent);outline-offset:1px}',
    '.band .meta{margin-left:6px;text-decoration:none;display:inline-block}',
    '.handoff{border-color:var(--_warn-border);background:var(--_warn-bg);color:var(--_warn-text)}',
    '.handoff p{font-weight:400}',
    '.handoff a{display:inline-block;font-weight:600;color:inherit}',
    '.related{margin:10px 0 0}',
    '.answer{margin:8px 4px 10px;padding:10px 12px;border:1px solid var(--_border);border-left:3px solid var(--_accent);background:var(--_surface);border-radius:8px;min-width:0}',
    '.answer h3{margin:0 0 2px;font-size:15px}',
    '.answer > .meta{margin:0 0 8px}',
    '.md p{margin:0 0 8px}',
    '.md p.tight{margin:0}',
    '.md .md-h{margin:12px 0 6px;font-size:14px}',
    '.md ul,.md ol{margin:0 0 8px;padding-left:22px}',
    '.md li{margin:2px 0}',
    '.md li>ul,.md li>ol{margin:2px 0}',
    '.md blockquote{margin:0 0 8px;padding-left:10px;border-left:3px solid var(--_border);color:var(--_muted)}',
    '.md hr{border:0;border-top:1px solid var(--_border);margin:10px 0}',
    '.md code{font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--_code-bg);padding:1px 4px;border-radius:4px;overflow-wrap:anywhere}',
    '.md pre{margin:0 0 8px;padding:10px 12px;background:var(--_pre-bg);color:var(--_pre-text);border-radius:6px;overflow-x:auto;max-width:100%;white-space:pre}',
    '.md pre code{background:none;padding:0;color:inherit;overflow-wrap:normal}',
    '.table-wrap{overflow-x:auto;max-width:100%;margin:0 0 8px;border:1px solid var(--_border);border-radius:6px}',
    '.md table{border-collapse:collapse;font-size:13px;min-width:100%}',
    '.md th,.md td{padding:5px 8px;border-bottom:1px solid var(--_border);text-align:left;vertical-align:top;overflow-wrap:normal;min-width:4em}',
    '.md th{background:var(--_hover);font-weight:600;white-space:nowrap}',
    '.md tr:last-child td{border-bottom:0}',
    '.md img{max-width:100%;height:auto;border-radius:4px}',
    'a{color:var(--_link)}',
    '.actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px;margin-top:8px;font-size:13px}',
    '.actions .source{margin-right:auto}',
    '.vote{display:inline-flex;flex-wrap:wrap;align-items:center;gap:6px}',
    '.actions button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid var(--_border);border-radius:999px;background:var(--_bg);cursor:pointer;color:var(--_text)}',
    '.actions button:hover{border-color:var(--_accent)}',
    '.thanks{color:var(--_ok)}',
    '.fb-error{color:var(--_err)}',
    '.hint{margin:4px 8px;color:var(--_muted);font-size:13px}',
    '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}'
  ].join('\n');

  // ---------- Widget ----------

  function mount() {
    var target = targetSelector ? document.querySelector(targetSelector) : null;
    var inline_ = !!target;
    var host = el('div', { 'data-faqkit': '', lang: lang === 'zh' ? 'zh-CN' : 'en' });
    var theme = attr('data-theme');
    if (theme === 'light' || theme === 'dark') host.setAttribute('data-theme', theme);
    (target || document.body).appendChild(host);
    var root = host.attachShadow({ mode: 'open' });
    root.appendChild(el('style', null, CSS));
    var title = attr('data-title') || T.title;
    var contactFallback = attr('data-contact-url');
    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    var panel = el('div', { class: 'panel', id: uid + '-panel' });
    var launcher = null;
    if (!inline_) {
      panel.className += ' floating';
      panel.hidden = true;
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-labelledby', uid + '-h');
      var header = el('header');
      header.appendChild(el('h2', { id: uid + '-h' }, title));
      var closeBtn = el('button', { class: 'close', type: 'button', 'aria-label': T.close }, '×');
      closeBtn.addEventListener('click', function () { setOpen(false); });
      header.appendChild(closeBtn);
      panel.appendChild(header);
      launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false',
        'aria-controls': panel.id, 'aria-haspopup': 'dialog' }, attr('data-launcher') || T.launcher);
      launcher.addEventListener('click', function () { setOpen(panel.hidden); });
      root.appendChild(launcher);
    } else {
      panel.setAttribute('role', 'search');
      panel.setAttribute('aria-label', title);
      if (attr('data-title')) {  // inline, the page usually has its own heading: show ours only when asked
        var inlineHeader = el('header');
        inlineHeader.appendChild(el('h2', null, title));
        panel.appendChild(inlineHeader);
      }
    }

    var listId = uid + '-list', statusId = uid + '-status';
    var searchBox = el('div', { class: 'search' });
    var input = el('input', {
      type: 'text', role: 'combobox', 'aria-label': T.inputLabel,
      placeholder: attr('data-placeholder') || T.placeholder,
      'aria-autocomplete': 'list', 'aria-controls': listId, 'aria-expanded': 'false',
      // ARIA 1.2 needs only aria-controls; aria-owns keeps ARIA 1.1 checkers (and older screen
      // readers) seeing the listbox as the combobox's popup.
      'aria-owns': listId,
      'aria-describedby': statusId, autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search'
    });
    searchBox.appendChild(input);
    var status = el('div', { class: 'status', id: statusId, role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    var body = el('div', { class: 'body' });
    var band = el('div', { class: 'band', hidden: '' });
    var list = el('div', { role: 'listbox', id: listId, 'aria-label': T.listLabel, hidden: '' });
    var answerBox = el('section', { class: 'answer', hidden: '', 'aria-labelledby': uid + '-answer-h' });
    var hint = el('p', { class: 'hint' }, T.hint);
    [hint, band, list, answerBox].forEach(function (n) { body.appendChild(n); });
    panel.appendChild(searchBox);
    panel.appendChild(status);
    panel.appendChild(body);
    root.appendChild(panel);

    var state = { query: '', hits: [], active: -1, asked: null, openId: null };
    var seq = 0, controller = null, timer = null;

    function setOpen(open) {
      if (!launcher) return;
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', String(open));
      if (open) input.focus(); else launcher.focus();
    }

    /// `spokenOnly`: the live region still announces the text, but it is not shown, because
    /// the band on screen already says it (the handoff).
    function setStatus(text, isError, spokenOnly) {
      status.textContent = text || '';
      status.classList.toggle('error', !!isError);
      status.classList.toggle('sr-only', !!spokenOnly);
    }

    function scrollTo(node) {
      if (node.scrollIntoView) node.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    }

    function setExpanded(expanded) {
      list.hidden = !expanded;
      input.setAttribute('aria-expanded', String(expanded));
      if (!expanded) { input.removeAttribute('aria-activedescendant'); state.active = -1; }
    }

    function clearAll() {
      state.hits = []; state.asked = null;
      list.textContent = '';
      setExpanded(false);
      clearBand();
      closeAnswer();
    }

    function clearBand() {
      band.textContent = '';
      band.hidden = true;
      band.className = 'band';
      host.removeAttribute('data-outcome');
    }

    function categoryLabel(record) {
      return record.categoryName || record.category || '';
    }

    function renderList(q, data) {
      state.query = q;
      state.hits = Array.isArray(data.hits) ? data.hits : [];
      list.textContent = '';
      state.active = -1;
      state.hits.forEach(function (hit, i) {
        var opt = el('div', { role: 'option', id: uid + '-opt-' + i, 'aria-selected': 'false' });
        var t = el('div', { class: 'title' });
        renderTitle(t, hit.title, hit.snippet, hit.highlightedTitle);
        var cat = categoryLabel(hit);
        if (cat) t.appendChild(el('span', { class: 'meta' }, '· ' + cat));
        var snip = el('div', { class: 'snippet' });
        renderSnippet(snip, hit.snippet);
        opt.appendChild(t);
        opt.appendChild(snip);
        opt.addEventListener('mousedown', function (e) { e.preventDefault(); });  // keep focus in the input
        opt.addEventListener('click', function () { setActive(i); openHit(hit); });
        list.appendChild(opt);
      });
      hint.hidden = true;
      setExpanded(state.hits.length > 0);
      setStatus(state.hits.length ? T.count(state.hits.length) : T.none);
      host.setAttribute('data-query', q);  // lets tests and hosts see which query is on screen
    }

    function setActive(i) {
      var opts = list.querySelectorAll('[role=option]');
      state.active = Math.max(-1, Math.min(i, opts.length - 1));
      // The highlighted option is the selected one (APG combobox); the opened answer is marked apart.
      opts.forEach(function (o, j) {
        o.classList.toggle('active', j === state.active);
        o.setAttribute('aria-selected', String(j === state.active));
      });
      if (state.active >= 0) {
        input.setAttribute('aria-activedescendant', opts[state.active].id);
        scrollTo(opts[state.active]);
      } else input.removeAttribute('aria-activedescendant');
    }

    function markSelected(id) {
      state.hits.forEach(function (hit, j) {
        var opt = list.children[j];
        if (opt) opt.classList.toggle('open', hit.id === id);
      });
    }

    function closeAnswer() {
      answerBox.textContent = '';
      answerBox.hidden = true;
      state.openId = null;
      markSelected(null);
      host.removeAttribute('data-open');
    }

    /// Shows an entry's answer below the list. `record` has id, title, answer (HTML-escaped
    /// markdown), url and the category.
    function openHit(record) {
      if (state.openId === record.id && !answerBox.hidden) { closeAnswer(); return; }
      answerBox.textContent = '';
      answerBox.appendChild(el('h3', { id: uid + '-answer-h' }, String(record.title || '')));
      var cat = categoryLabel(record);
      if (cat) answerBox.appendChild(el('p', { class: 'meta' }, T.category + ': ' + cat));
      // A long entry comes as its passage that answers the question; the source has all of it.
      if (record.partial) answerBox.appendChild(el('p', { class: 'meta' }, T.excerpt + (record.section ? ': ' + String(record.section) : '')));
      var md = el('div', { class: 'md' });
      var src = record.url && safeUrl(record.url);
      renderMarkdown(md, decodeEntities(record.answer), src || undefined);
      answerBox.appendChild(md);
      var actions = el('div', { class: 'actions' });
      if (src) { var a = link(src, T.source); a.className = 'source'; actions.appendChild(a); }
      var group = el('span', { role: 'group', 'aria-labelledby': uid + '-vote', class: 'vote' });
      group.appendChild(el('span', { class: 'meta', id: uid + '-vote' }, T.helpful));
      var yes = el('button', { type: 'button', 'data-helpful': 'true' }, T.yes);
      var no = el('button', { type: 'button', 'data-helpful': 'false' }, T.no);
      [yes, no].forEach(function (b) {
        b.addEventListener('click', function () { sendFeedback(record, b === yes, actions, group); });
        group.appendChild(b);
      });
      actions.appendChild(group);
      answerBox.appendChild(actions);
      answerBox.hidden = false;
      state.openId = record.id;
      markSelected(record.id);
      host.setAttribute('data-open', String(record.id));
      setStatus(T.opened + String(record.title || ''));   // focus stays in the search box: say what opened
      scrollTo(answerBox);
    }

    /// Opens an entry known only by id and title (a suggestion or a related question).
    function openEntry(summary) {
      fetch(apiBase + '/v1/entries/' + String(summary.id).split('/').map(encodeURIComponent).join('/'))
        .then(function (res) { if (!res.ok) throw { server: true }; return res.json(); })
        .then(function (entry) {
          entry.categoryName = entry.categoryName || summary.categoryName;
          openHit(entry);
          var h = answerBox.querySelector('h3');
          if (h) { h.setAttribute('tabindex', '-1'); h.focus(); }
        })
        .catch(function (err) { setStatus(err && err.server ? T.serverError : T.networkError, true); });
    }

    function entryButtons(items) {
      var ul = el('ul');
      items.forEach(function (s) {
        var li = el('li');
        var b = el('button', { type: 'button' }, String(s.title || ''));
        var cat = categoryLabel(s);
        if (cat && s.categoryName) b.appendChild(el('span', { class: 'meta' }, '· ' + cat));
        b.addEventListener('click', function () { openEntry(s); });
        li.appendChild(b);
        ul.appendChild(li);
      });
      return ul;
    }

    /// The three outcomes of /v1/ask. Servers without `outcome` are read from `answered`.
    function showOutcome(data, openAnswer) {
      var outcome = data.outcome || (data.answered && data.answer ? 'answer' : 'handoff');
      var suggestions = Array.isArray(data.suggestions) ? data.suggestions : [];
      if (outcome === 'suggest' && !suggestions.length) outcome = 'handoff';
      clearBand();
      host.setAttribute('data-outcome', outcome);
      if (outcome === 'answer' && data.answer) {
        if (openAnswer) {
          var i = state.hits.findIndex(function (h) { return h.id === data.answer.id; });
          if (i >= 0) setActive(i);
          if (state.openId !== data.answer.id) openHit(data.answer);
        }
        var related = Array.isArray(data.related) ? data.related : [];
        if (related.length && openAnswer && !answerBox.querySelector('.related')) {
          var box = el('div', { class: 'band related', role: 'group', 'aria-labelledby': uid + '-rel' });
          box.appendChild(el('p', { id: uid + '-rel' }, T.related));
          box.appendChild(entryButtons(related));
          answerBox.appendChild(box);
        }
        return;
      }
      body.insertBefore(band, list);
      if (outcome === 'suggest') {
        band.setAttribute('role', 'group');
        band.setAttribute('aria-labelledby', uid + '-dym');
        band.appendChild(el('p', { id: uid + '-dym' }, T.didYouMean));
        band.appendChild(entryButtons(suggestions));
        // The results list keeps only what the band does not already offer.
        var offered = suggestions.map(function (s) { return s.id; });
        var rest = state.hits.filter(function (h) { return offered.indexOf(h.id) < 0; });
        if (rest.length < state.hits.length) renderList(state.query, { hits: rest });
        setStatus(T.suggested(suggestions.length));   // the band itself is not a live region
      } else {
        band.classList.add('handoff');
        band.removeAttribute('role');
        var href = (data.fallback && data.fallback.url && safeUrl(data.fallback.url, null, LINK_SCHEMES)) ||
          (contactFallback && safeUrl(contactFallback, location.href, LINK_SCHEMES));
        var p = el('p', null, T.handoff + ' ');
        if (href) {
          var a = link(href, T.handoffLink);
          a.className = 'contact';
          a.insertBefore(el('span', { 'aria-hidden': 'true' }, ' →'), a.lastChild);
          p.appendChild(a);
        } else p.appendChild(document.createTextNode(T.handoffNoLink));
        band.appendChild(p);
        setStatus(T.handoff, false, true);
      }
      band.hidden = false;
    }

    function failed(err) {
      if (err && err.name === 'AbortError') return;
      clearAll();
      setStatus(err && err.server ? T.serverError : T.networkError, true);
    }

    function getJSON(path, signal) {
      return fetch(apiBase + path, { signal: signal }).then(function (res) {
        if (!res.ok) throw { server: true };
        return res.json();
      });
    }

    /// Search as you type; when the search is not confident, the ask endpoint decides between
    /// "did you mean" and the handoff. `openAnswer` (Enter) also opens a confident answer.
    /// Requests made while typing say `analytics=false`, so the prefixes of a question are not
    /// recorded as unanswered questions; Enter asks again without it, and that one counts.
    function run(q, openAnswer) {
      var mine = ++seq;
      if (controller) controller.abort();
      controller = new AbortController();
      var signal = controller.signal;
      setStatus(T.searching);
      var listed = state.query === q && list.children.length
        ? Promise.resolve(null)
        : getJSON('/v1/search?q=' + encodeURIComponent(q) + '&limit=' + LIMIT + '&analytics=false', signal);
      listed.then(function (data) {
        if (mine !== seq) return null;
        if (data) { closeAnswer(); clearBand(); state.asked = null; renderList(q, data || {}); }
        else setStatus(T.count(state.hits.length));
        if (!openAnswer && data && data.answered) return null;
        if (state.asked && state.asked.q === q && (state.asked.counted || !openAnswer)) return state.asked.data;
        return getJSON('/v1/ask?q=' + encodeURIComponent(q) + (openAnswer ? '' : '&analytics=false'), signal).then(function (ask) {
          state.asked = { q: q, data: ask, counted: openAnswer };
          return ask;
        });
      }).then(function (ask) {
        if (mine !== seq || !ask) return;
        showOutcome(ask, openAnswer);
      }).catch(function (err) { if (mine === seq) failed(err); });
    }

    // While an input method composes (pinyin, kana), the box holds letters the user has not
    // chosen yet ("fap" on the way to 发票): nothing is searched, and Enter and the arrow keys
    // belong to the input method's candidate list. The finished text is searched at the end.
    var composing = false;
    input.addEventListener('compositionstart', function () { composing = true; clearTimeout(timer); });
    input.addEventListener('compositionend', function () { composing = false; onInput(); });

    input.addEventListener('input', function (e) {
      if (composing || e.isComposing) return;
      onInput();
    });

    function onInput() {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) {
        seq++;                       // invalidate anything in flight
        if (controller) controller.abort();
        clearAll(); setStatus(''); state.query = '';
        hint.hidden = false;
        host.removeAttribute('data-query');
        return;
      }
      timer = setTimeout(function () { run(q, false); }, DEBOUNCE_MS);
    }

    input.addEventListener('keydown', function (e) {
      if (composing || e.isComposing || e.keyCode === 229) return;  // the input method's keys
      var n = state.hits.length;
      if (e.key === 'ArrowDown' && n) {
        e.preventDefault();
        if (list.hidden) setExpanded(true);
        setActive(state.active + 1 < n ? state.active + 1 : 0);
      } else if (e.key === 'ArrowUp' && n) {
        e.preventDefault();
        if (list.hidden) setExpanded(true);
        setActive(state.active > 0 ? state.active - 1 : n - 1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (state.active >= 0 && !list.hidden) { openHit(state.hits[state.active]); return; }
        var q = input.value.trim();
        if (!q) return;
        clearTimeout(timer);
        run(q, true);
      } else if (e.key === 'Escape') {
        if (!answerBox.hidden) { e.preventDefault(); closeAnswer(); }
        else if (!list.hidden) { e.preventDefault(); setExpanded(false); }
        else if (launcher) { e.preventDefault(); setOpen(false); }
      }
    });

    // Escape anywhere else in the panel (a link, a feedback button) closes the answer, then the panel.
    panel.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || e.target === input) return;
      if (!answerBox.hidden) { closeAnswer(); input.focus(); } else if (launcher) setOpen(false);
    });

    function sendFeedback(record, helpful, actions, group) {
      var buttons = actions.querySelectorAll('button');
      // Read before the buttons are disabled, which can take the focus away from them.
      var hadFocus = group.contains(root.activeElement);
      buttons.forEach(function (b) { b.disabled = true; });
      var old = actions.querySelector('.thanks, .fb-error');
      if (old) old.remove();
      fetch(apiBase + '/v1/feedback', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: state.query || String(record.title || ''), entryId: String(record.id), helpful: helpful })
      }).then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        host.setAttribute('data-feedback-status', 'ok');
        // The button pressed goes away: focus moves to the thanks, not to nowhere.
        group.remove();
        var thanks = el('span', { class: 'thanks', role: 'status', tabindex: '-1' }, T.thanks);
        actions.appendChild(thanks);
        if (hadFocus) thanks.focus();
      }).catch(function () {
        host.setAttribute('data-feedback-status', 'error');
        buttons.forEach(function (b) { b.disabled = false; });
        actions.appendChild(el('span', { class: 'fb-error', role: 'status' }, T.feedbackError));
        if (hadFocus && buttons.length) buttons[0].focus();
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
