//! Web addresses: validation, the canonical form used to recognise that two
//! links point at one document, and the network scope of the hosts capture may
//! fetch from.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use url::Url;

use crate::error::{Error, Result};

/// Query parameters that only track the reader and never change the page.
const TRACKING_PARAMETERS: &[&str] = &[
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref_src",
    "cmpid", "ocid",
];

/// Parses an http(s) address, refusing every other scheme.
pub fn parse_http(input: &str) -> Result<Url> {
    let url =
        Url::parse(input.trim()).map_err(|e| Error::invalid(format!("`{}` is not a valid URL: {e}", input.trim())))?;
    match url.scheme() {
        "http" | "https" if url.host().is_some() => Ok(url),
        "http" | "https" => Err(Error::invalid(format!("`{input}` has no host"))),
        other => Err(Error::invalid(format!("`{input}` is not an http(s) URL (scheme `{other}` is not accepted)"))),
    }
}

/// The canonical form of an http(s) address: host lower-cased and default port
/// dropped (both done by the WHATWG parser), fragment dropped, tracking
/// parameters removed.
///
/// ```
/// use claimtrail_core::web_address::canonical;
/// let url = claimtrail_core::web_address::parse_http("HTTPS://Example.COM:443/a?utm_source=x&id=3#top").unwrap();
/// assert_eq!(canonical(&url).as_str(), "https://example.com/a?id=3");
/// ```
pub fn canonical(url: &Url) -> Url {
    let mut out = url.clone();
    out.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING_PARAMETERS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        out.set_query(None);
    } else {
        out.query_pairs_mut().clear().extend_pairs(kept);
    }
    out
}

/// The host of an address without a leading `www.`, as outlets are known by.
pub fn outlet_domain(url: &Url) -> Option<String> {
    url.host_str().map(|h| h.trim_start_matches("www.").to_string())
}

/// Where an IP address lives, as far as fetching a page is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddressScope {
    /// Reachable on the public internet.
    Public,
    /// This machine (127.0.0.0/8, ::1).
    Loopback,
    /// A private, link-local, shared, multicast, documentation or otherwise
    /// non-global range: a page there is someone's router or intranet, never news.
    Private,
}

/// The scope of an address. IPv4 addresses carried inside IPv6 (mapped,
/// translated, compatible, NAT64, 6to4, Teredo: see [`embedded_ipv4`]) are
/// judged as the IPv4 address they carry, so that `::ffff:127.0.0.1` or
/// `2002:7f00:1::1` cannot slip past as "IPv6".
///
/// ```
/// use claimtrail_core::web_address::{address_scope, AddressScope};
/// assert_eq!(address_scope("93.184.215.14".parse().unwrap()), AddressScope::Public);
/// assert_eq!(address_scope("::ffff:10.0.0.1".parse().unwrap()), AddressScope::Private);
/// assert_eq!(address_scope("127.0.0.1".parse().unwrap()), AddressScope::Loopback);
/// ```
pub fn address_scope(ip: IpAddr) -> AddressScope {
    match ip {
        IpAddr::V4(v4) => v4_scope(v4),
        IpAddr::V6(v6) => v6_scope(v6),
    }
}

fn v4_scope(ip: Ipv4Addr) -> AddressScope {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        return AddressScope::Loopback;
    }
    let non_global = ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || a >= 240
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)); // benchmarking
    if non_global {
        AddressScope::Private
    } else {
        AddressScope::Public
    }
}

fn v6_scope(ip: Ipv6Addr) -> AddressScope {
    if ip.is_loopback() {
        return AddressScope::Loopback;
    }
    if let Some(v4) = embedded_ipv4(ip) {
        return v4_scope(v4);
    }
    let s = ip.segments();
    let non_global = ip.is_unspecified()
        || ip.is_multicast()
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0 // site-local (deprecated)
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || s[..3] == [0x64, 0xff9b, 1]; // NAT64 for local use (RFC 8215): a network's own translator
    if non_global {
        AddressScope::Private
    } else {
        AddressScope::Public
    }
}

/// The IPv4 address an IPv6 address stands for, when it is one of the forms
/// that carry one and deliver to it: a packet to `2002:7f00:1::1` reaches
/// 127.0.0.1 through any 6to4 relay, so it must be judged as 127.0.0.1.
///
/// ```
/// use claimtrail_core::web_address::embedded_ipv4;
/// assert_eq!(embedded_ipv4("2002:7f00:1::1".parse().unwrap()), Some([127, 0, 0, 1].into()));
/// assert_eq!(embedded_ipv4("2606:4700::1111".parse().unwrap()), None);
/// ```
pub fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    match s {
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d, RFC 2765).
        [0, 0, 0, 0, 0, 0xffff, hi, lo] | [0, 0, 0, 0, 0xffff, 0, hi, lo] => Some(v4(hi, lo)),
        // IPv4-compatible (::a.b.c.d, deprecated), except :: and ::1, which are IPv6's own.
        [0, 0, 0, 0, 0, 0, hi, lo] if !ip.is_unspecified() && !ip.is_loopback() => Some(v4(hi, lo)),
        // NAT64 with the well-known prefix (64:ff9b::/96, RFC 6052).
        [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(v4(hi, lo)),
        // 6to4 (2002::/16, RFC 3056): the IPv4 address follows the prefix.
        [0x2002, hi, lo, ..] => Some(v4(hi, lo)),
        // Teredo (2001::/32, RFC 4380): the client's address is the last 32 bits, inverted.
        [0x2001, 0, _, _, _, _, hi, lo] => Some(!v4(hi, lo)),
        _ => None,
    }
}

/// Refuses an address capture must not connect to: private ranges always,
/// loopback unless `allow_loopback` (set for local testing).
pub fn check_fetchable(host: &str, ip: IpAddr, allow_loopback: bool) -> Result<()> {
    let scope = address_scope(ip);
    // `2002:7f00:1::1, which is 127.0.0.1`: the address that decided, when it is not the one given.
    let ip = match ip {
        IpAddr::V6(v6) => match embedded_ipv4(v6) {
            Some(v4) => format!("{v6}, which is {v4}"),
            None => v6.to_string(),
        },
        _ => ip.to_string(),
    };
    match scope {
        AddressScope::Public => Ok(()),
        AddressScope::Loopback if allow_loopback => Ok(()),
        AddressScope::Loopback => Err(Error::Refused(format!(
            "`{host}` is this machine ({ip}); capture fetches public pages only (CLAIMTRAIL_ALLOW_LOOPBACK=1 allows it for testing)"
        ))),
        AddressScope::Private => Err(Error::Refused(format!(
            "`{host}` is a private or local network address ({ip}); capture fetches public pages only"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_local_ranges_are_not_public() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "::ffff:192.168.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a00:1",
            "2001:db8::1",
        ] {
            assert_eq!(address_scope(ip.parse().unwrap()), AddressScope::Private, "{ip}");
        }
        for ip in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            assert_eq!(address_scope(ip.parse().unwrap()), AddressScope::Loopback, "{ip}");
        }
        for ip in ["93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "64:ff9b::5db8:d70e"] {
            assert_eq!(address_scope(ip.parse().unwrap()), AddressScope::Public, "{ip}");
        }
    }

    #[test]
    fn six_to_four_addresses_are_judged_by_the_ipv4_address_they_embed() {
        // 2002:AABB:CCDD::/48 is the 6to4 prefix of the IPv4 address AA.BB.CC.DD.
        for (ip, scope) in [
            ("2002:7f00:1::1", AddressScope::Loopback),
            ("2002:7f00:0001:ffff::", AddressScope::Loopback),
            ("2002:a00:1::1", AddressScope::Private),
            ("2002:c0a8:101::1", AddressScope::Private),
            ("2002:a9fe:a9fe::1", AddressScope::Private),
            ("2002::1", AddressScope::Private),
            ("2002:5db8:d70e::1", AddressScope::Public),
        ] {
            assert_scope(ip, scope);
        }
    }

    fn assert_scope(ip: &str, scope: AddressScope) {
        assert_eq!(address_scope(ip.parse().unwrap()), scope, "{ip}");
    }

    #[test]
    fn every_ipv4_embedding_is_judged_by_its_ipv4_address() {
        for (ip, scope) in [
            // IPv4-mapped.
            ("::ffff:7f00:1", AddressScope::Loopback),
            ("::ffff:10.0.0.1", AddressScope::Private),
            ("::ffff:93.184.215.14", AddressScope::Public),
            // IPv4-translated (::ffff:0:a.b.c.d).
            ("::ffff:0:127.0.0.1", AddressScope::Loopback),
            ("::ffff:0:192.168.0.1", AddressScope::Private),
            // IPv4-compatible (deprecated).
            ("::127.0.0.2", AddressScope::Loopback),
            ("::10.0.0.1", AddressScope::Private),
            ("::93.184.215.14", AddressScope::Public),
            // NAT64, well-known prefix; the local-use prefix is someone's own network.
            ("64:ff9b::7f00:1", AddressScope::Loopback),
            ("64:ff9b::c0a8:1", AddressScope::Private),
            ("64:ff9b::5db8:d70e", AddressScope::Public),
            ("64:ff9b:1::5db8:d70e", AddressScope::Private),
            // Teredo: the client's IPv4 address is the last 32 bits inverted
            // (80ff:fffe is 127.0.0.1, f5ff:fffe is 10.0.0.1, a247:28f1 is 93.184.215.14).
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", AddressScope::Loopback),
            ("2001:0:4136:e378:8000:63bf:f5ff:fffe", AddressScope::Private),
            ("2001:0:4136:e378:8000:63bf:a247:28f1", AddressScope::Public),
        ] {
            assert_scope(ip, scope);
        }
        let six_to_four: IpAddr = "2002:7f00:1::1".parse().unwrap();
        let err = check_fetchable("tunnel.example", six_to_four, false).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Refused);
        assert!(err.to_string().contains("127.0.0.1"), "names the embedded address: {err}");
    }

    #[test]
    fn loopback_is_allowed_only_when_asked() {
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(check_fetchable("localhost", ip, false).unwrap_err().kind(), crate::ErrorKind::Refused);
        assert!(check_fetchable("localhost", ip, true).is_ok());
        let private: IpAddr = "10.0.0.1".parse().unwrap();
        assert!(check_fetchable("intranet", private, true).is_err());
    }

    #[test]
    fn refuses_non_http_schemes() {
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,hi", "ftp://example.com/"] {
            let err = parse_http(bad).unwrap_err().to_string();
            assert!(err.contains("not an http(s) URL"), "{bad}: {err}");
        }
        assert!(parse_http("not a url").is_err());
    }

    #[test]
    fn tracking_parameters_are_removed_and_others_kept_in_order() {
        let url = parse_http("https://news.example/x?b=2&fbclid=abc&a=1&UTM_Medium=m").unwrap();
        assert_eq!(canonical(&url).as_str(), "https://news.example/x?b=2&a=1");
    }

    #[test]
    fn outlet_domain_drops_www() {
        let url = parse_http("https://www.KenyaStar.example/news").unwrap();
        assert_eq!(outlet_domain(&url).as_deref(), Some("kenyastar.example"));
    }
}
