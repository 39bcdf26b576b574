"""What a renderer does in the page, written once for Splash's Lua and the Playwright render.

``CONSENT_CLICK_JS`` is a JavaScript expression: it clicks the first button whose label accepts
cookies/consent ("Alle akzeptieren", "Zustimmen", "Accept", ..., also inside open shadow roots,
as Usercentrics renders them) and is true when it clicked one. Cross-origin consent iframes
(Sourcepoint) cannot be reached from the page. Both renderers evaluate this one text, so a new
label works in both.
"""

from __future__ import annotations

__all__ = ["CONSENT_CLICK_JS"]

# Indented as it sits inside CONSENT_LUA (newscrawl.rendering.splash), which embeds it verbatim.
CONSENT_CLICK_JS = r"""    (function () {
      var words = 'akzeptieren|zustimmen|annehmen|erlauben|einverstanden|accept|agree|allow all';
      var label = new RegExp('^(alle\\s+)?(cookies\\s+)?(' + words + ')', 'i');
      function find(root) {
        var nodes = root.querySelectorAll('button, [role=button], input[type=button]');
        for (var i = 0; i < nodes.length; i++) {
          var text = (nodes[i].innerText || nodes[i].value || '').trim();
          if (label.test(text)) { return nodes[i]; }
        }
        var all = root.querySelectorAll('*');
        for (var j = 0; j < all.length; j++) {
          if (all[j].shadowRoot) {
            var hit = find(all[j].shadowRoot);
            if (hit) { return hit; }
          }
        }
        return null;
      }
      var button = find(document);
      if (button) { button.click(); return true; }
      return false;
    })()
"""
