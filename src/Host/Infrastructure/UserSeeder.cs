using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Seeds local users when <see cref="SeedOptions.Password"/> is set: for every agency of the directory
/// <c>&lt;agency&gt;.staff</c> and <c>&lt;agency&gt;.lead</c>, and the NDRC's planner, supervisor and auditor.
/// Loading the directory here also validates <c>workflows/catalog</c> at start-up.
/// </summary>
internal sealed class UserSeeder(
    AgencyDirectory agencies,
    Catalog catalog,
    UserStore users,
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

        var seed = new List<SeedUser>
        {
            new("ndrc.planner", "ndrc", [Roles.NdrcPlanner], "NDRC planner 规划人员"),
            new("ndrc.supervisor", "ndrc", [Roles.NdrcSupervisor], "NDRC supervisor 督查人员"),
            new("ndrc.auditor", "ndrc", [Roles.Auditor], "NDRC auditor 审计人员"),
        };
        foreach (var agency in agencies.All)
        {
            seed.Add(new SeedUser($"{agency.Code}.staff", agency.Code, [Roles.AgencyStaff], $"{agency.NameZh} 工作人员"));
            seed.Add(new SeedUser($"{agency.Code}.lead", agency.Code, [Roles.AgencyLead], $"{agency.NameZh} 负责人"));
        }

        var created = await users.SeedAsync(seed, options.Value.Password, cancellationToken);
        logger.LogInformation("Seeded users: {Created} created, {Total} in the seed set", created, seed.Count);
    }
}
