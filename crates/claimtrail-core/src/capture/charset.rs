//! Which character encoding a fetched page is in, decided as the HTML
//! standard's encoding sniffing does it (WHATWG HTML, "determining the
//! character encoding"): a byte order mark first, then the `charset` of the
//! HTTP Content-Type, then a `<meta>` in the first 1024 bytes; a page that
//! says nothing is UTF-8 when it is valid UTF-8, and otherwise what the
//! frequency analysis the standard allows makes of it (`chardetng`, Firefox's
//! detector). The BOM overriding the server's header is the standard's order,
//! and the one browsers follow, so a page reads here as it read to the checker.
//!
//! Labels and decoders are `encoding_rs`'s (the WHATWG Encoding Standard, as
//! Firefox uses it). The meta prescan is written here: it is short, and no
//! maintained crate offers it on its own.
//!
//! ```
//! use claimtrail_core::capture::charset::page_encoding;
//! let latin1 = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title>";
//! assert_eq!(page_encoding(latin1, Some("text/html"), true, None).name(), "windows-1252");
//! let utf16 = b"\xff\xfe<\0h\0";
//! assert_eq!(page_encoding(utf16, Some("text/html; charset=utf-8"), true, None).name(), "UTF-16LE");
//! ```

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into a page the standard looks for a `<meta>` naming its encoding.
const PRESCAN_BYTES: usize = 1024;

/// The encoding of a body served with `content_type` by a host whose name
/// ends in `tld` (the detector's hint: `.ru` makes Cyrillic likelier).
/// `markup` is false for plain text, which has no `<meta>` to read.
pub fn page_encoding(body: &[u8], content_type: Option<&str>, markup: bool, tld: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(body) {
        return encoding;
    }
    if let Some(encoding) = content_type.and_then(http_charset) {
        return encoding;
    }
    if markup {
        if let Some(encoding) = prescan(&body[..body.len().min(PRESCAN_BYTES)]) {
            return encoding;
        }
    }
    // The web's default today; the raw bytes are kept whatever is guessed.
    if std::str::from_utf8(body).is_ok() {
        return UTF_8;
    }
    // ISO-2022-JP is left out, as browsers leave it out for pages that run scripts.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(body, true);
    // The detector wants a lower-case ASCII label without dots; anything else is no hint.
    let tld = tld.map(str::to_ascii_lowercase).filter(|t| t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    detector.guess(tld.as_deref().map(str::as_bytes), Utf8Detection::Deny)
}

/// The body as text, in [`page_encoding`]; bytes the encoding cannot read
/// become U+FFFD rather than failing, since the raw bytes are kept anyway.
pub fn decode(body: &[u8], content_type: Option<&str>, markup: bool, tld: Option<&str>) -> String {
    let encoding = page_encoding(body, content_type, markup, tld);
    encoding.decode_with_bom_removal(body).0.into_owned()
}

/// The encoding named by `charset=` in a Content-Type, if it is one the
/// Encoding Standard knows (an unknown label is ignored, as browsers do).
fn http_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        Encoding::for_label(value.trim().trim_matches(|c| c == '"' || c == '\'').as_bytes())
    })
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The input ran out in the middle of a construct: the prescan finds nothing.
struct End;

/// "Prescan a byte stream to determine its encoding" of the HTML standard.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut scan = Prescan { bytes, at: 0 };
    scan.run().ok().flatten()
}

/// An attribute's name and value, lower-cased.
type Attribute = (Vec<u8>, Vec<u8>);

struct Prescan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Prescan<'_> {
    fn rest(&self) -> &[u8] {
        &self.bytes[self.at.min(self.bytes.len())..]
    }

    fn byte(&self) -> Result<u8, End> {
        self.bytes.get(self.at).copied().ok_or(End)
    }

    fn starts_with_ignoring_case(&self, prefix: &[u8]) -> bool {
        self.rest().get(..prefix.len()).is_some_and(|r| r.eq_ignore_ascii_case(prefix))
    }

    /// Moves to the byte after the first `needle` found from `from` on.
    fn skip_past(&mut self, from: usize, needle: &[u8]) -> Result<(), End> {
        let haystack = self.bytes.get(from..).ok_or(End)?;
        let found = haystack.windows(needle.len()).position(|w| w == needle).ok_or(End)?;
        self.at = from + found + needle.len();
        Ok(())
    }

    fn run(&mut self) -> Result<Option<&'static Encoding>, End> {
        while self.at < self.bytes.len() {
            let rest = self.rest();
            if rest.starts_with(b"<!--") {
                // The `-->` may share its dashes with the opening (`<!-->`).
                self.skip_past(self.at + 2, b"-->")?;
                continue;
            }
            if self.starts_with_ignoring_case(b"<meta") && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/') {
                self.at += 6;
                if let Some(encoding) = self.meta()? {
                    return Ok(Some(encoding));
                }
            } else if rest.len() > 2
                && rest[0] == b'<'
                && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest[2].is_ascii_alphabetic()))
            {
                // Another tag: its name, then its attributes, are passed over.
                while !(is_space(self.byte()?) || self.byte()? == b'>') {
                    self.at += 1;
                }
                while self.attribute()?.is_some() {}
            } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
                self.skip_past(self.at + 1, b">")?;
                continue;
            }
            self.at += 1;
        }
        Ok(None)
    }

    /// The attributes of one `<meta>`, and the encoding they name if they
    /// name one the way the standard accepts.
    fn meta(&mut self) -> Result<Option<&'static Encoding>, End> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut got_pragma = false;
        let mut need_pragma: Option<bool> = None;
        let mut charset: Option<&'static Encoding> = None;
        while let Some((name, value)) = self.attribute()? {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" => got_pragma |= value == b"content-type",
                b"content" if charset.is_none() => {
                    if let Some(found) = charset_in_content(&value).and_then(Encoding::for_label) {
                        charset = Some(found);
                        need_pragma = Some(true);
                    }
                }
                b"charset" => {
                    charset = Encoding::for_label(&value);
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        let accepted = match need_pragma {
            None => false,
            Some(true) => got_pragma,
            Some(false) => true,
        };
        // A page cannot declare itself UTF-16 in bytes read as ASCII.
        Ok(charset.filter(|_| accepted).map(|c| match c {
            c if c == UTF_16BE || c == UTF_16LE => UTF_8,
            c if c == X_USER_DEFINED => WINDOWS_1252,
            c => c,
        }))
    }

    /// "Get an attribute": its name and value, lower-cased, or `None` at the
    /// end of the tag (left pointing at the `>`).
    fn attribute(&mut self) -> Result<Option<Attribute>, End> {
        while is_space(self.byte()?) || self.byte()? == b'/' {
            self.at += 1;
        }
        if self.byte()? == b'>' {
            return Ok(None);
        }
        let mut name = Vec::new();
        let mut value = Vec::new();
        loop {
            match self.byte()? {
                b'=' if !name.is_empty() => {
                    self.at += 1;
                    break;
                }
                b if is_space(b) => {
                    while is_space(self.byte()?) {
                        self.at += 1;
                    }
                    if self.byte()? != b'=' {
                        return Ok(Some((name, value)));
                    }
                    self.at += 1;
                    break;
                }
                b'/' | b'>' => return Ok(Some((name, value))),
                b => name.push(b.to_ascii_lowercase()),
            }
            self.at += 1;
        }
        while is_space(self.byte()?) {
            self.at += 1;
        }
        match self.byte()? {
            quote @ (b'"' | b'\'') => loop {
                self.at += 1;
                match self.byte()? {
                    b if b == quote => {
                        self.at += 1;
                        return Ok(Some((name, value)));
                    }
                    b => value.push(b.to_ascii_lowercase()),
                }
            },
            b'>' => return Ok(Some((name, value))),
            _ => {}
        }
        loop {
            match self.byte()? {
                b if is_space(b) || b == b'>' => return Ok(Some((name, value))),
                b => value.push(b.to_ascii_lowercase()),
            }
            self.at += 1;
        }
    }
}

/// The label in a `content="text/html; charset=..."` value ("extracting a
/// character encoding from a meta element").
fn charset_in_content(content: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    loop {
        let start = from + content.get(from..)?.windows(7).position(|w| w.eq_ignore_ascii_case(b"charset"))? + 7;
        let after = &content[start..];
        let spaces = after.iter().take_while(|&&b| is_space(b)).count();
        if after.get(spaces) != Some(&b'=') {
            from = start;
            continue;
        }
        let value = &after[spaces + 1..];
        let value = &value[value.iter().take_while(|&&b| is_space(b)).count()..];
        return match value.first()? {
            &quote @ (b'"' | b'\'') => {
                let inner = &value[1..];
                inner.iter().position(|&b| b == quote).map(|end| &inner[..end])
            }
            _ => {
                let end = value.iter().position(|&b| is_space(b) || b == b';').unwrap_or(value.len());
                Some(&value[..end])
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(body: &[u8]) -> &'static str {
        page_encoding(body, Some("text/html"), true, None).name()
    }

    #[test]
    fn the_byte_order_mark_overrides_the_http_charset_which_overrides_the_meta() {
        let meta = b"<meta charset=windows-1251>";
        let with_bom = [&b"\xef\xbb\xbf"[..], meta].concat();
        assert_eq!(page_encoding(&with_bom, Some("text/html; charset=koi8-r"), true, None).name(), "UTF-8");
        assert_eq!(page_encoding(meta, Some("text/html; Charset=\"KOI8-R\""), true, None).name(), "KOI8-R");
        assert_eq!(page_encoding(meta, Some("text/html; charset=no-such-thing"), true, None).name(), "windows-1251");
        assert_eq!(page_encoding(meta, Some("text/html"), true, None).name(), "windows-1251");
        assert_eq!(page_encoding(meta, Some("text/plain"), false, None).name(), "UTF-8", "text has no meta");
        assert_eq!(page_encoding(b"\xfe\xff\0<", None, true, None).name(), "UTF-16BE");
    }

    #[test]
    fn meta_tags_are_found_as_the_standard_finds_them() {
        assert_eq!(html(b"<!doctype html><html lang=ar><head><META CHARSET='ISO-8859-6'>"), "ISO-8859-6");
        assert_eq!(html(br#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#), "GBK");
        assert_eq!(html(br#"<meta content='text/html;charset = "big5"' http-equiv=content-type>"#), "Big5");
        assert_eq!(html(br#"<meta/charset="shift_jis"/>"#), "Shift_JIS");
        // A content charset counts only with its http-equiv.
        assert_eq!(html(br#"<meta content="text/html; charset=koi8-r">"#), "UTF-8");
        // Declared UTF-16 in ASCII bytes is UTF-8; x-user-defined is windows-1252.
        assert_eq!(html(b"<meta charset=utf-16le>"), "UTF-8");
        assert_eq!(html(b"<meta charset=x-user-defined>"), "windows-1252");
        // Passed over: comments, other tags' attributes, a meta past the first 1024 bytes.
        assert_eq!(html(b"<!-- <meta charset=koi8-r> --><meta charset=gb18030>"), "gb18030");
        assert_eq!(html(b"<div title='<meta charset=koi8-r>'><meta charset=euc-jp>"), "EUC-JP");
        let late = [&b" ".repeat(1024)[..], b"<meta charset=koi8-r>"].concat();
        assert_eq!(html(&late), "UTF-8");
        // Cut off inside the tag: nothing is guessed from half of it.
        assert_eq!(html(b"<meta charset=\"koi8-r"), "UTF-8");
        assert_eq!(html(b"<meta name=viewport><meta charset=unknown-label>"), "UTF-8");
    }

    #[test]
    fn a_page_that_names_no_encoding_is_utf8_when_valid_and_guessed_otherwise() {
        assert_eq!(html("<p>Café crème</p>".as_bytes()), "UTF-8");
        let sentence = "<p>Паром через озеро снова ходит каждый час.</p>";
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(sentence);
        assert_eq!(decode(&koi8, Some("text/html"), true, Some("ru")), sentence);
        // A host that is no domain name gives no hint, and no panic.
        assert_eq!(decode(&koi8, Some("text/plain"), false, Some("[::1]")), sentence);
    }

    #[test]
    fn the_prescan_ends_on_every_cut_of_tricky_markup() {
        let tricky = br#"<!--><!-- x --><?php ?></p x><a =b c= 'd'e/><meta a b=c/ charset = "gb2312" content=x><meta"#;
        for end in 0..=tricky.len() {
            let cut = &tricky[..end];
            let expected = if end >= 86 { Some("GBK") } else { None };
            assert_eq!(prescan(cut).map(Encoding::name), expected, "{}", String::from_utf8_lossy(cut));
        }
    }

    #[test]
    fn decoding_drops_the_byte_order_mark() {
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9", None, true, None), "café");
        assert_eq!(decode(b"caf\xe9", Some("text/plain; charset=ISO-8859-1"), false, None), "café");
        assert_eq!(decode(b"\xff\xfec\0a\0f\0\xe9\0", Some("text/plain; charset=iso-8859-1"), false, None), "café");
    }
}
