using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// Seeds local users when <see cref="SeedOptions.Password"/> is set: for every agency of the directory
/// <c>&lt;agency&gt;.staff</c> and <c>&lt;agency&gt;.lead</c>, and the NDRC's planner, supervisor and auditor.
/// Loading the directory here also validates <c>workflows/catalog</c> at start-up.
/// </summary>
internal sealed class UserSeeder(
    AgencyDirectory agencies,
    Catalog catalog,
    UserStore users,
    DisplayNames names,
    IOptions<SeedOptions> options,
    ILogger<UserSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Directory: {Agencies} agencies, {Pillars} pillars", agencies.All.Count, catalog.Pillars.Count);
        if (string.IsNullOrEmpty(options.Value.Password))
        {
            logger.LogInformation("Seed:Password is not set; no users seeded");
            return;
        }

        // Role accounts are named by agency and role in Chinese (广东省 工作人员); DisplayNames gives the English name.
        var seed = new List<SeedUser>
        {
            RoleAccount("ndrc.planner", "ndrc", Roles.NdrcPlanner),
            RoleAccount("ndrc.supervisor", "ndrc", Roles.NdrcSupervisor),
            RoleAccount("ndrc.auditor", "ndrc", Roles.Auditor),
        };
        foreach (var agency in agencies.All)
        {
            seed.Add(RoleAccount($"{agency.Code}.staff", agency.Code, Roles.AgencyStaff));
            seed.Add(RoleAccount($"{agency.Code}.lead", agency.Code, Roles.AgencyLead));
        }

        var created = await users.SeedAsync(seed, options.Value.Password, cancellationToken);
        logger.LogInformation("Seeded users: {Created} created, {Total} in the seed set", created, seed.Count);
    }

    private SeedUser RoleAccount(string username, string agency, string role) =>
        new(username, agency, [role], names.RoleAccountName(agency, [role], System.Globalization.CultureInfo.InvariantCulture));
}
