const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The page a browser lands on when single sign-on is refused: the callback is a top-level
 * navigation, so a JSON error would strand the person on raw text.
 */
export function refusalPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in refused · ProxiCloud</title></head>
<body>
<main>
<h1>Sign-in refused</h1>
<p id="reason">${escapeHtml(message)}</p>
<p><a href="/login">Back to the sign-in page</a></p>
</main>
</body>
</html>
`;
}
