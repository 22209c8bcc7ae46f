//! Fuzzes web addresses: parsing and the canonical form that decides whether
//! two links name one document, and the network scope capture relies on to
//! refuse private hosts.

#![no_main]

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use claimtrail_core::web_address::{
    address_scope, canonical, check_fetchable, outlet_domain, parse_http, AddressScope,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    check_scope(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(url) = parse_http(text) else {
        return;
    };
    assert!(matches!(url.scheme(), "http" | "https"));
    let once = canonical(&url);
    // Canonical is a fixed point, both as a value and through its text
    // (which is what the database stores and later parses again).
    assert_eq!(canonical(&once), once, "canonical is not idempotent for {text:?}");
    let reparsed = parse_http(once.as_str()).unwrap_or_else(|e| panic!("canonical {once} does not parse again: {e}"));
    assert_eq!(canonical(&reparsed).as_str(), once.as_str(), "canonical changes on re-parsing {text:?}");
    assert_eq!(once.fragment(), None);
    assert_eq!(once.host_str(), url.host_str());
    if let Some(domain) = outlet_domain(&once) {
        assert!(!domain.starts_with("www."));
    }
});

/// The first 4 and 16 bytes as addresses: an IPv4 address written inside IPv6
/// (mapped) must get the scope of the IPv4 address, and only a public address
/// is fetchable.
fn check_scope(data: &[u8]) {
    if let Some(v4) = data.get(..4) {
        let v4 = Ipv4Addr::new(v4[0], v4[1], v4[2], v4[3]);
        let scope = address_scope(IpAddr::V4(v4));
        assert_eq!(address_scope(IpAddr::V6(v4.to_ipv6_mapped())), scope, "{v4} mapped");
        assert_eq!(check_fetchable("h", IpAddr::V4(v4), false).is_ok(), scope == AddressScope::Public);
    }
    if let Some(v6) = data.get(..16) {
        let v6 = Ipv6Addr::from(<[u8; 16]>::try_from(v6).expect("16 bytes"));
        let scope = address_scope(IpAddr::V6(v6));
        assert_eq!(check_fetchable("h", IpAddr::V6(v6), true).is_ok(), scope != AddressScope::Private);
    }
}
