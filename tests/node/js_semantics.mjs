// Reads a JSON array of strings on stdin; writes, for each, what Node makes
// of it where upstream's rules depend on JavaScript: Date.parse, .length,
// upstream's e-mail pattern, new URL(...).protocol. Used by
// crates/auditcfg-core/tests/js_semantics.rs.
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const out = JSON.parse(input).map((s) => {
    let protocol = null;
    try {
      protocol = new URL(s).protocol.replace(/:$/, "");
    } catch {
      protocol = null;
    }
    const t = Date.parse(s);
    return {
      date: Number.isNaN(t) ? null : t,
      length: s.length,
      email: email.test(s),
      protocol,
    };
  });
  process.stdout.write(JSON.stringify(out));
});
