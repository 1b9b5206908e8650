using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Host.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Audit;

/// <summary>
/// The Host as the audit tests need it: each client may say which address it calls from (<see cref="From"/>, as the
/// sign-in tests do), tokens last a year (a test moves the clock to a later quarter), and the stored lines can be read
/// and changed behind the product's back.
/// </summary>
public sealed class AuditHostFactory : SecurityHostFactory
{
    protected override TimeSpan? BearerTokenLifetime => TimeSpan.FromDays(365);

    /// <summary>A client signed in as <paramref name="username"/> that calls from <paramref name="address"/>.</summary>
    public HttpClient From(string username, string address)
    {
        var client = CreateClientFor(username);
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>Signs <paramref name="client"/>'s calls as coming from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>The lines of <paramref name="action"/> on <paramref name="target"/>, newest first.</summary>
    public Task<IReadOnlyList<AuditEntryView>> LinesAsync(string action, string? target = null) =>
        Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: action, Target: target, Take: 1000));

    /// <summary>Runs SQL on the Host's database directly, as someone with database access would.</summary>
    public async Task<int> TamperAsync(FormattableString sql)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Database.ExecuteSqlAsync(sql);
    }
}
