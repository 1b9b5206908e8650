namespace AiPlusTasks.Engine.Directory;

/// <summary>Reads and checks <c>agencies.json</c>: <c>{"description"?, "agencies": [{code, nameZh, nameEn, kind, parent}]}</c>.</summary>
internal static class AgencyFileReader
{
    private static readonly string[] RootProperties = ["description", "agencies"];
    private static readonly string[] AgencyProperties = ["code", "nameZh", "nameEn", "kind", "parent"];

    public static AgencyDirectory Read(DataFile file)
    {
        var array = file.RootArray("agencies", RootProperties);
        file.ThrowIfProblems();

        var agencies = new List<Agency>();
        var pathByCode = new Dictionary<string, string>(StringComparer.Ordinal);
        var parents = new List<(string? Code, string Parent, bool IsProvinceLevel, string Path)>();
        var provinceLevelUnits = 0;
        var index = 0;
        foreach (var element in array!.Value.EnumerateArray())
        {
            var path = $"agencies[{index++}]";
            if (!file.IsObject(element, path))
            {
                continue;
            }

            file.CheckProperties(element, path, AgencyProperties);
            var code = file.RequiredCode(element, path, "code");
            var nameZh = file.RequiredString(element, path, "nameZh");
            var nameEn = file.RequiredString(element, path, "nameEn");
            var kind = file.RequiredEnum<AgencyKind>(element, path, "kind");
            var parent = file.OptionalCode(element, path, "parent");

            var unique = code is not null && pathByCode.TryAdd(code, path);
            if (code is not null && !unique)
            {
                file.Problem(path + ".code", $"duplicate code '{code}'; first used at {file.Describe(pathByCode[code])}");
            }

            var agency = unique && nameZh is not null && nameEn is not null && kind is not null
                ? new Agency(code!, nameZh, nameEn, kind.Value, parent)
                : null;
            if (agency is not null)
            {
                agencies.Add(agency);
            }

            var isProvinceLevel = agency?.IsProvinceLevel ?? false;
            if (isProvinceLevel)
            {
                provinceLevelUnits++;
            }

            if (parent is not null)
            {
                parents.Add((code, parent, isProvinceLevel, path + ".parent"));
            }
        }

        foreach (var (code, parent, isProvinceLevel, path) in parents)
        {
            if (isProvinceLevel)
            {
                file.Problem(path, $"a province-level unit has no parent, but '{code}' names '{parent}'");
            }
            else if (parent == code)
            {
                file.Problem(path, $"'{code}' names itself as its parent");
            }
            else if (!pathByCode.ContainsKey(parent))
            {
                file.Problem(path, $"unknown parent '{parent}'");
            }
        }

        CheckParentLoops(file, agencies, pathByCode);

        if (provinceLevelUnits != AgencyDirectory.ProvinceLevelUnitCount)
        {
            file.FileProblem(
                "agencies",
                $"expected exactly {AgencyDirectory.ProvinceLevelUnitCount} province-level units (31 provinces, autonomous regions and " +
                $"municipalities plus the Xinjiang Production and Construction Corps), found {provinceLevelUnits}");
        }

        if (!pathByCode.ContainsKey(AgencyDirectory.CoordinatorCode))
        {
            file.FileProblem("agencies", $"the coordinator '{AgencyDirectory.CoordinatorCode}' (国家发展和改革委员会) is missing");
        }

        file.ThrowIfProblems();
        return new AgencyDirectory(agencies);
    }

    // Self-parents are reported above; this finds longer loops (a → b → a), once per agency on a loop.
    private static void CheckParentLoops(DataFile file, List<Agency> agencies, Dictionary<string, string> pathByCode)
    {
        var parentOf = agencies.Where(a => a.ParentCode is not null && a.ParentCode != a.Code)
            .ToDictionary(a => a.Code, a => a.ParentCode!, StringComparer.Ordinal);
        foreach (var start in parentOf.Keys)
        {
            var current = start;
            for (var steps = 0; steps < parentOf.Count && parentOf.TryGetValue(current, out var next); steps++)
            {
                if (next == start)
                {
                    file.Problem(pathByCode[start] + ".parent", $"the parent chain of '{start}' loops back to it");
                    break;
                }

                current = next;
            }
        }
    }
}
