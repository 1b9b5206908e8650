using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The tickets of bearer tokens already read on this node, so a token is decrypted (Data Protection) once rather than on
/// every request. A ticket is handed out only before its expiry, checked against the <see cref="TimeProvider"/> on
/// every use as ASP.NET Core's bearer scheme checks it, and is dropped at that expiry (the cache's own clock) or when the
/// cache holds <see cref="MaxTokens"/>. Revocation is not the cache's business: <see cref="RevocableBearerHandler"/>
/// checks the session of every request after it (<see cref="SessionValidator"/>). Each use gets its own copy of the
/// ticket, so no request sees another's changes to the principal or its properties.
/// </summary>
internal sealed class BearerTicketCache(TimeProvider time) : IDisposable
{
    /// <summary>Most tokens kept: a token's ticket is well under 1 KiB, so at most a few MiB.</summary>
    public const int MaxTokens = 10_000;

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    /// <summary>A copy of the token's ticket if it was read here before and has not expired, else null.</summary>
    public AuthenticationTicket? Find(string token) =>
        _tickets.TryGetValue(token, out AuthenticationTicket? ticket) && ticket!.Properties.ExpiresUtc > time.GetUtcNow()
            ? ticket.Clone()
            : null;

    /// <summary>Keeps the ticket the bearer scheme read from the token (one with an expiry; others are not kept).</summary>
    public void Add(string token, AuthenticationTicket ticket)
    {
        if (ticket.Properties.ExpiresUtc is { } expires)
        {
            _tickets.Set(token, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = expires });
        }
    }

    public void Dispose() => _tickets.Dispose();
}
