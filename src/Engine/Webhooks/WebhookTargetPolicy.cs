using System.Net;
using System.Net.Sockets;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Keeps webhooks from reaching inside our network (SSRF): only http(s) URLs without credentials, and only public
/// addresses unless <see cref="WebhookOptions.AllowLoopback"/> or <see cref="WebhookOptions.AllowedNetworks"/> say
/// otherwise. Checked when a subscription is made, and again on every connection against the addresses DNS gives
/// then — a name that later resolves to a private address (DNS rebinding) is refused at connect time.
/// </summary>
public sealed class WebhookTargetPolicy
{
    /// <summary>
    /// Refused whatever the address inside: private, shared, link-local, reserved, documentation, multicast and
    /// deprecated ranges of both families, and the IPv6 forms that carry an IPv4 address with no public use
    /// (IPv4-compatible <c>::a.b.c.d</c>, local-use NAT64, Teredo) or are reserved (site-local <c>fec0::/10</c>,
    /// discard-only <c>100::/64</c>).
    /// </summary>
    private static readonly IPNetwork[] BlockedNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/96"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"), IPNetwork.Parse("2001::/32"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] LoopbackNetworks = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>Well-known NAT64 (RFC 6052): the IPv4 address is the last 32 bits.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>6to4 (RFC 3056): the IPv4 address is bits 16 to 47.</summary>
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly bool _allowLoopback;
    private readonly IPNetwork[] _allowed;

    public WebhookTargetPolicy(IOptions<WebhookOptions> options)
    {
        _allowLoopback = options.Value.AllowLoopback;
        _allowed = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n))];
    }

    /// <summary>
    /// Whether a webhook may connect to <paramref name="address"/>. An IPv6 address that carries an IPv4 one
    /// (IPv4-mapped <c>::ffff:a.b.c.d</c>, NAT64 <c>64:ff9b::/96</c>, 6to4 <c>2002::/16</c>) is judged by the IPv4
    /// address inside, and never counts as loopback; an allowed network (<see cref="WebhookOptions.AllowedNetworks"/>)
    /// may name either form.
    /// </summary>
    public bool Allows(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_allowed.Any(n => n.Contains(address)))
        {
            return true;
        }

        if (LoopbackNetworks.Any(n => n.Contains(address)))
        {
            return _allowLoopback;
        }

        if (BlockedNetworks.Any(n => n.Contains(address)))
        {
            return false;
        }

        // A translated address reaches what it carries: public only (or allowed), never loopback through the back door.
        return EmbeddedIPv4(address) is not { } inner
            || _allowed.Any(n => n.Contains(inner))
            || (!LoopbackNetworks.Any(n => n.Contains(inner)) && !BlockedNetworks.Any(n => n.Contains(inner)));
    }

    /// <summary>The IPv4 address a NAT64 or 6to4 address carries; null for any other address.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        return Nat64.Contains(address) ? new IPAddress(bytes.AsSpan(12, 4))
            : SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4))
            : null;
    }

    /// <summary>Checks a subscription's URL and returns it parsed.</summary>
    /// <exception cref="RequestValidationException">(field <c>url</c>) Not an absolute http(s) URL, carries credentials, or points at a refused address.</exception>
    public async Task<Uri> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw RequestValidationException.For("url", "an absolute http or https URL is required");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw RequestValidationException.For("url", $"only http and https are allowed, not '{uri.Scheme}'");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw RequestValidationException.For("url", "the URL must not carry a user name or password");
        }

        IPAddress[] addresses;
        try
        {
            addresses = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                ? [IPAddress.Parse(uri.IdnHost)]
                : await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            // A name that does not resolve now (DNS down, a record not yet published) is accepted: every connection
            // is checked again, and failed deliveries show in the log.
            return uri;
        }

        if (addresses.FirstOrDefault(a => !Allows(a)) is { } refused)
        {
            throw RequestValidationException.For("url", $"the host '{uri.Host}' is a private, loopback or link-local address ({refused}); webhooks may only reach public addresses unless configuration allows the network");
        }

        return uri;
    }

    /// <summary>
    /// The connect step of the webhook HTTP handler: resolves the host, drops refused addresses, and connects to the
    /// first allowed one.
    /// </summary>
    /// <exception cref="HttpRequestException">Every address of the host is refused.</exception>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = addresses.Where(Allows).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"webhook target '{endPoint.Host}' resolves only to refused addresses ({string.Join(", ", addresses.Select(a => a.ToString()))})");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
