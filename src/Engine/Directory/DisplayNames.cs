using System.Globalization;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// What the UI shows instead of a code: the name of an agency, a pillar or catalog item, a plan, a user, a task state,
/// colour or kind, in one language — English when the culture's language is English, Chinese for every other culture
/// (Chinese is the default language). Every method takes an optional culture and uses
/// <see cref="CultureInfo.CurrentUICulture"/> when none is given. An unknown code gives the code itself and null gives
/// an empty string: these methods never throw.
/// </summary>
/// <remarks>
/// Agencies and the catalog come from the directory files (immutable). Users and plans are read from the database and
/// cached for <see cref="CacheLifetime"/>; <see cref="Invalidate"/> drops the cache at once (the user and plan writers
/// call it). A stale or missing cache is reloaded on the next lookup.
/// </remarks>
public sealed class DisplayNames(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    TimeProvider time,
    AgencyDirectory? agencies = null,
    Catalog? catalog = null)
{
    /// <summary>How long users and plans are cached: one minute.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The actor name of the engine itself in task histories.</summary>
    private const string SystemActor = "system";

    /// <summary>The name prefix of an agency system calling with an API key (<c>system:&lt;key name&gt;:&lt;key id&gt;</c>).</summary>
    private const string SystemCallerPrefix = "system:";

    private static readonly Dictionary<string, (string Zh, string En)> RoleWords = new(StringComparer.Ordinal)
    {
        [Roles.NdrcAdministrator] = ("系统管理员", "administrator"),
        [Roles.NdrcPlanner] = ("规划人员", "planner"),
        [Roles.NdrcSupervisor] = ("督查人员", "supervisor"),
        [Roles.AgencyLead] = ("负责人", "lead"),
        [Roles.AgencyStaff] = ("工作人员", "staff"),
        [Roles.Auditor] = ("审计人员", "auditor"),
    };

    private static readonly Dictionary<string, (string Zh, string En)> Kinds = new(StringComparer.Ordinal)
    {
        ["task"] = ("任务", "Task"),
        ["report"] = ("进度填报", "Progress report"),
        ["signoff"] = ("本单位签发", "Unit sign-off"),
        ["review"] = ("审核", "Review"),
        ["decision"] = ("决定", "Decision"),
        ["closure"] = ("销号申请", "Closure request"),
        ["verification"] = ("核验", "Verification"),
        ["contribution"] = ("协办", "Co-unit contribution"),
    };

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private readonly Lock _loading = new();
    private volatile Snapshot? _snapshot;

    /// <summary>True when texts for <paramref name="culture"/> (default: the current UI culture) are English.</summary>
    public static bool IsEnglish(CultureInfo? culture = null) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";

    /// <summary>The text for the culture: <paramref name="en"/> in English when given, else <paramref name="zh"/>.</summary>
    public static string Pick(string zh, string? en, CultureInfo? culture = null) =>
        IsEnglish(culture) && !string.IsNullOrEmpty(en) ? en : zh;

    /// <summary>The agency's name (广东省 / Guangdong Province).</summary>
    public string Agency(string? code, CultureInfo? culture = null) =>
        code is null ? "" : agencies?.Find(code) is { } agency ? Pick(agency.NameZh, agency.NameEn, culture) : code;

    /// <summary>The name of a pillar or catalog item (科学技术 / Science and technology).</summary>
    public string Pillar(string? code, CultureInfo? culture = null) =>
        code is null ? "" : catalog?.FindPillarOrItem(code) is { } entry ? Pick(entry.NameZh, entry.NameEn, culture) : code;

    /// <summary>The plan's name; a plan without an English name is named in Chinese in both languages.</summary>
    public string Plan(string? id, CultureInfo? culture = null) =>
        id is null ? "" : Current().Plans.TryGetValue(id, out var name) ? Pick(name.Zh, name.En, culture) : id;

    /// <summary>
    /// The user's name: the display name given to the user, or, for a role account (no display name, or the one
    /// <see cref="RoleAccountName"/> gives in Chinese), the agency and the role (广东省 工作人员 / Guangdong Province
    /// staff). The engine's own actor <c>system</c> is 系统 / System; an agency system <c>system:&lt;key&gt;</c> is
    /// named by its key. Unknown users keep their user name.
    /// </summary>
    public string User(string? username, CultureInfo? culture = null)
    {
        if (username is null)
        {
            return "";
        }

        if (username == SystemActor)
        {
            return Pick("系统", "System", culture);
        }

        if (username.StartsWith(SystemCallerPrefix, StringComparison.Ordinal))
        {
            // system:<key name>:<key id> (the id tells keys apart; people see the name); older entries hold the name only.
            var key = username[SystemCallerPrefix.Length..];
            key = key.LastIndexOf(':') is > 0 and var end ? key[..end] : key;
            return Pick($"对接系统 {key}", $"Agency system {key}", culture);
        }

        if (!Current().Users.TryGetValue(username, out var user))
        {
            return username;
        }

        var roleAccount = RoleAccountName(user.AgencyCode, user.Roles, CultureInfo.InvariantCulture);
        return string.IsNullOrWhiteSpace(user.DisplayName) || user.DisplayName == roleAccount
            ? RoleAccountName(user.AgencyCode, user.Roles, culture)
            : user.DisplayName;
    }

    /// <summary>
    /// The name of an account that stands for a role in an agency: the agency's name and the role word
    /// (广东省 工作人员 / Guangdong Province staff; the first known role counts).
    /// </summary>
    public string RoleAccountName(string agencyCode, IEnumerable<string> roles, CultureInfo? culture = null)
    {
        var word = roles.Select(r => RoleWords.GetValueOrDefault(r)).FirstOrDefault(w => w.Zh is not null);
        var agency = Agency(agencyCode, culture);
        return word.Zh is null ? agency : IsEnglish(culture) ? $"{agency} {word.En}" : $"{agency} {word.Zh}";
    }

    /// <summary>The task state's name (待办 / Open…), in the inbox's words.</summary>
    public static string State(TaskState state, CultureInfo? culture = null) => state switch
    {
        TaskState.Open => Pick("待办", "Open", culture),
        TaskState.Claimed => Pick("办理中", "Claimed", culture),
        TaskState.Completed => Pick("已完成", "Completed", culture),
        TaskState.Cancelled => Pick("已取消", "Cancelled", culture),
        _ => state.ToString(),
    };

    /// <summary>The supervision colour's name (绿 / Green…).</summary>
    public static string Colour(TaskColour colour, CultureInfo? culture = null) => colour switch
    {
        TaskColour.Green => Pick("绿", "Green", culture),
        TaskColour.Blue => Pick("蓝", "Blue", culture),
        TaskColour.Yellow => Pick("黄", "Yellow", culture),
        TaskColour.Red => Pick("红", "Red", culture),
        _ => colour.ToString(),
    };

    /// <summary>The task kind's name (进度填报 / Progress report…).</summary>
    public static string Kind(string? kind, CultureInfo? culture = null) =>
        kind is null ? "" : Kinds.TryGetValue(kind, out var name) ? Pick(name.Zh, name.En, culture) : kind;

    /// <summary>
    /// The codes of the agencies whose Chinese or English name contains <paramref name="text"/> (English ignoring
    /// case): 广东 and guangdong both give <c>guangdong</c>. Empty for blank text.
    /// </summary>
    public IReadOnlyList<string> AgenciesNamed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || agencies is null)
        {
            return [];
        }

        var words = text.Trim();
        return [.. agencies.All.Where(a => Names(a.NameZh, a.NameEn, words)).Select(a => a.Code)];
    }

    /// <summary>
    /// The codes of the pillars and catalog items whose Chinese or English name contains <paramref name="text"/>
    /// (English ignoring case); a matching pillar brings all its items. Empty for blank text.
    /// </summary>
    public IReadOnlyList<string> PillarsNamed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || catalog is null)
        {
            return [];
        }

        var words = text.Trim();
        return [.. catalog.Pillars.SelectMany(p => Names(p.NameZh, p.NameEn, words)
            ? p.Items.Select(i => i.Code).Prepend(p.Code)
            : p.Items.Where(i => Names(i.NameZh, i.NameEn, words)).Select(i => i.Code))];
    }

    /// <summary>
    /// The user names of the users whose user name is <paramref name="text"/> (ignoring case) or whose name as
    /// <see cref="User"/> shows it, in Chinese or English, contains it (English ignoring case): 张三, or 广东 for the
    /// role accounts of 广东省. Empty for blank text.
    /// </summary>
    public IReadOnlyList<string> UsersNamed(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var words = text.Trim();
        return [.. Current().Users.Keys.Where(u => u.Equals(words, StringComparison.OrdinalIgnoreCase)
            || Names(User(u, Chinese), User(u, English), words))];
    }

    /// <summary>Drops the cached users and plans; the next lookup reads them again.</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>Reads users and plans now unless the cache is fresh (lets a page load them without blocking a render).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(_snapshot) is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var users = await db.Users.AsNoTracking().Select(u => new UserRow(u.Id, u.DisplayName, u.AgencyCode, u.Roles)).ToListAsync(cancellationToken);
            var plans = await db.Plans.AsNoTracking().Select(p => new PlanRow(p.Id, p.Name, p.NameEn)).ToListAsync(cancellationToken);
            _snapshot = Load(users, plans);
        }
    }

    private static bool Names(string zh, string en, string words) =>
        zh.Contains(words, StringComparison.Ordinal) || en.Contains(words, StringComparison.OrdinalIgnoreCase);

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < CacheLifetime ? snapshot : null;

    /// <summary>The cached users and plans, read again (synchronously: two small tables) when stale.</summary>
    private Snapshot Current()
    {
        if (Fresh(_snapshot) is { } fresh)
        {
            return fresh;
        }

        lock (_loading)
        {
            if (Fresh(_snapshot) is { } loaded)
            {
                return loaded;
            }

            using var db = dbFactory.CreateDbContext();
            var users = db.Users.AsNoTracking().Select(u => new UserRow(u.Id, u.DisplayName, u.AgencyCode, u.Roles)).ToList();
            var plans = db.Plans.AsNoTracking().Select(p => new PlanRow(p.Id, p.Name, p.NameEn)).ToList();
            var snapshot = Load(users, plans);
            _snapshot = snapshot;
            return snapshot;
        }
    }

    private Snapshot Load(List<UserRow> users, List<PlanRow> plans) => new(
        time.GetUtcNow(),
        users.ToDictionary(u => u.Username, u => new UserName(u.DisplayName, u.AgencyCode, Roles.Parse(u.Roles)), StringComparer.Ordinal),
        plans.ToDictionary(p => p.Id, p => (p.NameZh, p.NameEn), StringComparer.Ordinal));

    private sealed record UserRow(string Username, string? DisplayName, string AgencyCode, string Roles);

    private sealed record PlanRow(string Id, string NameZh, string? NameEn);

    private sealed record UserName(string? DisplayName, string AgencyCode, string[] Roles);

    private sealed record Snapshot(
        DateTimeOffset LoadedAt,
        IReadOnlyDictionary<string, UserName> Users,
        IReadOnlyDictionary<string, (string Zh, string? En)> Plans);
}
