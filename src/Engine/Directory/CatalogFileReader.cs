using System.Text.Json;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// Reads and checks <c>catalog.json</c>:
/// <c>{"description"?, "pillars": [{code, kind, nameZh, nameEn, order, items: [{code, nameZh, nameEn}]}], "goals": [{code, nameZh, nameEn, unit, targets: [{year, op, value}]}]}</c>.
/// </summary>
internal static class CatalogFileReader
{
    private static readonly string[] RootProperties = ["description", "pillars", "goals"];
    private static readonly string[] PillarProperties = ["code", "kind", "nameZh", "nameEn", "order", "items"];
    private static readonly string[] ItemProperties = ["code", "nameZh", "nameEn"];
    private static readonly string[] GoalProperties = ["code", "nameZh", "nameEn", "unit", "targets"];
    private static readonly string[] TargetProperties = ["year", "op", "value"];

    public static Catalog Read(DataFile file)
    {
        var pillarArray = file.RootArray("pillars", RootProperties);
        var goalArray = file.Root.ValueKind == JsonValueKind.Object ? file.RequiredArray(file.Root, "", "goals") : null;
        file.ThrowIfProblems();

        var pathByCode = new Dictionary<string, string>(StringComparer.Ordinal);
        var pillars = ReadPillars(file, pillarArray!.Value, pathByCode);
        var goals = ReadGoals(file, goalArray!.Value, pathByCode);
        CheckPillarSet(file, pillars, pathByCode);

        file.ThrowIfProblems();
        return new Catalog(pillars, goals);
    }

    private static List<CatalogPillar> ReadPillars(DataFile file, JsonElement array, Dictionary<string, string> pathByCode)
    {
        var pillars = new List<CatalogPillar>();
        var pathByOrder = new Dictionary<(PillarKind, int), string>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"pillars[{index++}]";
            if (!file.IsObject(element, path))
            {
                continue;
            }

            file.CheckProperties(element, path, PillarProperties);
            var code = Unique(file, file.RequiredCode(element, path, "code"), path, pathByCode);
            var kind = file.RequiredEnum<PillarKind>(element, path, "kind");
            var nameZh = file.RequiredString(element, path, "nameZh");
            var nameEn = file.RequiredString(element, path, "nameEn");
            var order = file.RequiredInt(element, path, "order", 1, 99);
            if (kind is not null && order is not null && !pathByOrder.TryAdd((kind.Value, order.Value), path))
            {
                file.Problem(path + ".order", $"order {order} is already used by {file.Describe(pathByOrder[(kind.Value, order.Value)])}");
            }

            var items = new List<CatalogItem>();
            if (file.RequiredArray(element, path, "items") is { } itemArray)
            {
                var itemIndex = 0;
                foreach (var itemElement in itemArray.EnumerateArray())
                {
                    var itemPath = $"{path}.items[{itemIndex++}]";
                    if (ReadItem(file, itemElement, itemPath, code, pathByCode) is { } item)
                    {
                        items.Add(item);
                    }
                }
            }

            if (code is not null && kind is not null && nameZh is not null && nameEn is not null && order is not null)
            {
                pillars.Add(new CatalogPillar(code, kind.Value, nameZh, nameEn, order.Value, items));
            }
        }

        return pillars;
    }

    private static CatalogItem? ReadItem(DataFile file, JsonElement element, string path, string? pillarCode, Dictionary<string, string> pathByCode)
    {
        if (!file.IsObject(element, path))
        {
            return null;
        }

        file.CheckProperties(element, path, ItemProperties);
        var code = file.RequiredCode(element, path, "code");
        if (code is not null && pillarCode is not null && !IsDirectChild(code, pillarCode))
        {
            file.Problem(path + ".code", $"item code '{code}' must be '{pillarCode}.' followed by one segment");
            code = null;
        }

        code = Unique(file, code, path, pathByCode);
        var nameZh = file.RequiredString(element, path, "nameZh");
        var nameEn = file.RequiredString(element, path, "nameEn");
        return code is not null && pillarCode is not null && nameZh is not null && nameEn is not null
            ? new CatalogItem(code, pillarCode, nameZh, nameEn)
            : null;
    }

    private static List<GoalIndicator> ReadGoals(DataFile file, JsonElement array, Dictionary<string, string> pathByCode)
    {
        var goals = new List<GoalIndicator>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"goals[{index++}]";
            if (!file.IsObject(element, path))
            {
                continue;
            }

            file.CheckProperties(element, path, GoalProperties);
            var code = Unique(file, file.RequiredCode(element, path, "code"), path, pathByCode);
            var nameZh = file.RequiredString(element, path, "nameZh");
            var nameEn = file.RequiredString(element, path, "nameEn");
            var unit = file.RequiredString(element, path, "unit");
            var targets = new List<GoalTarget>();
            var complete = true;
            if (file.RequiredArray(element, path, "targets") is { } targetArray)
            {
                if (targetArray.GetArrayLength() == 0)
                {
                    file.Problem(path + ".targets", "a goal needs at least one target");
                }

                var targetIndex = 0;
                foreach (var targetElement in targetArray.EnumerateArray())
                {
                    var target = ReadTarget(file, targetElement, $"{path}.targets[{targetIndex++}]");
                    complete &= target is not null;
                    if (target is not null)
                    {
                        targets.Add(target);
                    }
                }
            }

            if (complete && code is not null && nameZh is not null && nameEn is not null && unit is not null)
            {
                goals.Add(new GoalIndicator(code, nameZh, nameEn, unit, targets));
            }
        }

        return goals;
    }

    private static GoalTarget? ReadTarget(DataFile file, JsonElement element, string path)
    {
        if (!file.IsObject(element, path))
        {
            return null;
        }

        file.CheckProperties(element, path, TargetProperties);
        var year = file.RequiredInt(element, path, "year", 2000, 2100);
        var op = file.RequiredString(element, path, "op");
        var value = file.RequiredDecimal(element, path, "value");
        if (op is not null && !GoalTarget.Operators.Contains(op))
        {
            file.Problem(path + ".op", $"'op' is '{op}'; expected one of {string.Join(" ", GoalTarget.Operators)}");
            op = null;
        }

        return year is not null && op is not null && value is not null ? new GoalTarget(year.Value, op, value.Value) : null;
    }

    // The 14 pillars are a fixed taxonomy: each required code once, with its kind, and nothing else.
    private static void CheckPillarSet(DataFile file, List<CatalogPillar> pillars, Dictionary<string, string> pathByCode)
    {
        var required = Catalog.ActionCodes.Select(c => (Code: c, Kind: PillarKind.Action))
            .Concat(Catalog.SupportCodes.Select(c => (Code: c, Kind: PillarKind.Support)))
            .ToDictionary(r => r.Code, r => r.Kind, StringComparer.Ordinal);
        foreach (var pillar in pillars)
        {
            if (!required.TryGetValue(pillar.Code, out var kind))
            {
                file.Problem(
                    pathByCode[pillar.Code],
                    $"'{pillar.Code}' is not one of the 14 pillars; the catalog has the 6 key actions ({string.Join(", ", Catalog.ActionCodes)}) " +
                    $"and the 8 supports ({string.Join(", ", Catalog.SupportCodes)})");
            }
            else if (kind != pillar.Kind)
            {
                file.Problem(pathByCode[pillar.Code] + ".kind", $"pillar '{pillar.Code}' must have kind '{JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())}'");
            }
        }

        var present = pillars.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (code, kind) in required)
        {
            if (!present.Contains(code))
            {
                var what = kind == PillarKind.Action ? "key action" : "support";
                file.FileProblem("pillars", $"the {what} '{code}' is missing");
            }
        }
    }

    private static bool IsDirectChild(string code, string pillarCode) =>
        code.Length > pillarCode.Length + 1
        && code.StartsWith(pillarCode, StringComparison.Ordinal)
        && code[pillarCode.Length] == '.'
        && !code.AsSpan(pillarCode.Length + 1).Contains('.');

    private static string? Unique(DataFile file, string? code, string path, Dictionary<string, string> pathByCode)
    {
        if (code is null)
        {
            return null;
        }

        if (pathByCode.TryAdd(code, path))
        {
            return code;
        }

        file.Problem(path + ".code", $"duplicate code '{code}'; first used at {file.Describe(pathByCode[code])}");
        return null;
    }
}
