using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// Users at start-up. In Development and Testing, with <see cref="SeedOptions.Password"/> set: for every agency of the
/// directory <c>&lt;agency&gt;.staff</c> and <c>&lt;agency&gt;.lead</c>, and the NDRC's administrator, planner, supervisor
/// and auditor, created when missing (never reset). Elsewhere a shared password is refused, and a database without any
/// user gets one administrator, <c>ndrc.admin</c>, with a one-time password written once to the log and a forced change
/// at first sign-in. Loading the directory here also validates <c>workflows/catalog</c> at start-up. Seeded users get
/// clearly fake contact details: <c>&lt;login&gt;@example.gov.cn</c> and <c>138 0000 NNNN</c>, numbered in seed order.
/// </summary>
internal sealed class UserSeeder(
    AgencyDirectory agencies,
    Catalog catalog,
    UserStore users,
    DisplayNames names,
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    TimeProvider time,
    IOptions<SeedOptions> options,
    ILogger<UserSeeder> logger)
{
    /// <summary>The administrator a new production database starts with.</summary>
    public const string FirstAdministrator = "ndrc.admin";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Directory: {Agencies} agencies, {Pillars} pillars", agencies.All.Count, catalog.Pillars.Count);
        var password = options.Value.Password;
        var sharedPasswordAllowed = environment.IsDevelopment() || environment.IsEnvironment("Testing");
        if (!string.IsNullOrEmpty(password) && !sharedPasswordAllowed)
        {
            throw new InvalidOperationException(
                $"Seed:Password gives every seeded user one shared password and is for Development and Testing only; remove it (environment: {environment.EnvironmentName}).");
        }

        if (string.IsNullOrEmpty(password))
        {
            await EnsureAdministratorAsync(cancellationToken);
            return;
        }

        // Role accounts are named by agency and role in Chinese (广东省 工作人员); DisplayNames gives the English name.
        var seed = new List<SeedUser>
        {
            RoleAccount(FirstAdministrator, AgencyDirectory.CoordinatorCode, Roles.NdrcAdministrator),
            RoleAccount("ndrc.planner", AgencyDirectory.CoordinatorCode, Roles.NdrcPlanner),
            RoleAccount("ndrc.supervisor", AgencyDirectory.CoordinatorCode, Roles.NdrcSupervisor),
            RoleAccount("ndrc.auditor", AgencyDirectory.CoordinatorCode, Roles.Auditor),
        };
        foreach (var agency in agencies.All)
        {
            seed.Add(RoleAccount($"{agency.Code}.staff", agency.Code, Roles.AgencyStaff));
            seed.Add(RoleAccount($"{agency.Code}.lead", agency.Code, Roles.AgencyLead));
        }

        seed = [.. seed.Select((user, index) => user with { Email = ExampleEmail(user.Username), Mobile = ExampleMobile(index + 1) })];
        var created = await users.SeedAsync(seed, password, cancellationToken);
        logger.LogInformation("Seeded users: {Created} created, {Total} in the seed set", created, seed.Count);
    }

    /// <summary>An empty user table gets its first administrator, with a one-time password shown once in the log.</summary>
    private async Task EnsureAdministratorAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<UserRecord>>();
        if (manager.Users.Any())
        {
            return;
        }

        var administrator = UserStore.NewUser(
            FirstAdministrator, AgencyDirectory.CoordinatorCode, [Roles.NdrcAdministrator],
            names.RoleAccountName(AgencyDirectory.CoordinatorCode, [Roles.NdrcAdministrator], System.Globalization.CultureInfo.InvariantCulture),
            time.GetUtcNow());
        administrator.MustChangePassword = true;
        var oneTimePassword = OneTimePasswords.Create();
        var result = await manager.CreateAsync(administrator, oneTimePassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"could not create the first administrator: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        logger.LogWarning(
            "No users yet: created the administrator {User} with the one-time password {Password}. Sign in with it now; it must be changed at first sign-in and is not shown again.",
            FirstAdministrator, oneTimePassword);
    }

    /// <summary>An example address under <c>example.gov.cn</c> (the <c>example</c> label is reserved, RFC 2606): <c>guangdong.staff@example.gov.cn</c>.</summary>
    public static string ExampleEmail(string username) => $"{username}@example.gov.cn";

    /// <summary>The example mobile number of the <paramref name="number"/>-th seeded user: <c>13800000001</c>, <c>13800000002</c>, ….</summary>
    public static string ExampleMobile(int number) => $"1380000{number:D4}";

    private SeedUser RoleAccount(string username, string agency, string role) =>
        new(username, agency, [role], names.RoleAccountName(agency, [role], System.Globalization.CultureInfo.InvariantCulture));
}
