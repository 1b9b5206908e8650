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
    private static readonly IPNetwork[] BlockedNetworks =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("224.0.0.0/3"), IPNetwork.Parse("::/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] LoopbackNetworks = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private readonly bool _allowLoopback;
    private readonly IPNetwork[] _allowed;

    public WebhookTargetPolicy(IOptions<WebhookOptions> options)
    {
        _allowLoopback = options.Value.AllowLoopback;
        _allowed = [.. options.Value.AllowedNetworks.Select(n => IPNetwork.Parse(n))];
    }

    /// <summary>Whether a webhook may connect to <paramref name="address"/>.</summary>
    public bool Allows(IPAddress address)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(n => n.Contains(ip)))
        {
            return true;
        }

        if (LoopbackNetworks.Any(n => n.Contains(ip)))
        {
            return _allowLoopback;
        }

        return !BlockedNetworks.Any(n => n.Contains(ip));
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
