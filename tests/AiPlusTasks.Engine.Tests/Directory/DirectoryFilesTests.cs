using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tests.Directory;

public sealed class DirectoryFilesTests : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly TempDataFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void LoadAgencies_DuplicateCodeUnknownParentAndMissingNameZh_ReportsAllThreeWithTheirLines()
    {
        // The repository's file with three faults; a leading comment checks that lines still count from the top.
        var root = RepositoryFile(RepositoryDataFiles.AgenciesPath);
        var agencies = root["agencies"]!.AsArray();
        var duplicate = IndexOf(agencies, "neac");
        var orphan = IndexOf(agencies, "nda");
        var nameless = IndexOf(agencies, "mof");
        agencies[duplicate]!["code"] = "mfa";
        agencies[orphan]!["parent"] = "nosuch";
        agencies[nameless]!.AsObject().Remove("nameZh");
        var path = _files.Write("agencies-broken.json", "// edited copy\n// of agencies.json\n" + root.ToJsonString(Indented));
        var lines = File.ReadAllLines(path);

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadAgencies(path));

        Assert.Equal(3, error.Problems.Count);
        var dup = Assert.Single(error.Problems, p => p.Path == $"agencies[{duplicate}].code");
        var parent = Assert.Single(error.Problems, p => p.Path == $"agencies[{orphan}].parent");
        var name = Assert.Single(error.Problems, p => p.Path == $"agencies[{nameless}].nameZh");
        Assert.Contains("duplicate code 'mfa'", dup.Message, StringComparison.Ordinal);
        Assert.Contains("agencies[0]", dup.Message, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"mfa\"", lines[dup.Line!.Value - 1], StringComparison.Ordinal);
        Assert.Contains("\"parent\": \"nosuch\"", lines[parent.Line!.Value - 1], StringComparison.Ordinal);
        Assert.Equal("{", lines[name.Line!.Value - 1].Trim());
        Assert.Contains("\"code\": \"mof\"", lines[name.Line!.Value], StringComparison.Ordinal);
        Assert.Contains("agencies-broken.json", error.Message, StringComparison.Ordinal);
        Assert.Contains($"line {parent.Line}, agencies[{orphan}].parent: unknown parent 'nosuch'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadAgencies_MalformedJson_ReportsFileNameLineAndPosition()
    {
        var path = _files.Write("agencies-malformed.json", "{\n  \"agencies\": [\n    { \"code\": \"ndrc\" }\n    { \"code\": \"mof\" }\n  ]\n}\n");

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadAgencies(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Equal(5, problem.Position);
        Assert.Contains("agencies-malformed.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4, position 5: malformed JSON", error.Message, StringComparison.Ordinal);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public void LoadAgencies_TwoProvincesAndNoNdrc_ReportsCountAndMissingCoordinator()
    {
        var path = _files.Write("agencies-small.json", """
            {
              "agencies": [
                { "code": "miit", "nameZh": "工业和信息化部", "nameEn": "Ministry of Industry and Information Technology", "kind": "constituent", "parent": null },
                { "code": "guangdong", "nameZh": "广东省", "nameEn": "Guangdong Province", "kind": "province" },
                { "code": "hubei", "nameZh": "湖北省", "nameEn": "Hubei Province", "kind": "province" }
              ]
            }
            """);

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadAgencies(path));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Message.Contains("exactly 32 province-level units", StringComparison.Ordinal) && p.Message.EndsWith("found 2", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("'ndrc'", StringComparison.Ordinal) && p.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadAgencies_BadCodeKindLoopAndProvinceParent_ReportsEach()
    {
        var path = _files.Write("agencies-rules.json", """
            {
              "agencies": [
                { "code": "ndrc", "nameZh": "国家发展和改革委员会", "nameEn": "National Development and Reform Commission", "kind": "constituent" },
                { "code": "Bad-Code", "nameZh": "甲", "nameEn": "A", "kind": "constituent" },
                { "code": "x", "nameZh": "乙", "nameEn": "B", "kind": "ministry" },
                { "code": "p", "nameZh": "丙", "nameEn": "C", "kind": "administration", "parent": "q" },
                { "code": "q", "nameZh": "丁", "nameEn": "D", "kind": "administration", "parent": "p" },
                { "code": "s", "nameZh": "戊", "nameEn": "E", "kind": "administration", "parent": "s" },
                { "code": "guangdong", "nameZh": "广东省", "nameEn": "Guangdong Province", "kind": "province", "parent": "ndrc", "nameZH": "typo" }
              ]
            }
            """);

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadAgencies(path));

        Assert.Contains(error.Problems, p => p.Path == "agencies[1].code" && p.Line == 4 && p.Message.Contains("lower-case", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[2].kind" && p.Line == 5 && p.Message.Contains("directlyUnder", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[3].parent" && p.Message.Contains("loops", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[4].parent" && p.Message.Contains("loops", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[5].parent" && p.Message.Contains("itself", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[6].parent" && p.Message.Contains("province-level unit has no parent", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "agencies[6].nameZH" && p.Line == 9 && p.Message.Contains("unknown property", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("found 1", StringComparison.Ordinal));
        Assert.Equal(8, error.Problems.Count);
    }

    [Fact]
    public void LoadCatalog_MissingSupportWrongKindBadItemCodeAndBadOperator_ReportsAllFour()
    {
        var root = RepositoryFile(RepositoryDataFiles.CatalogPath);
        var pillars = root["pillars"]!.AsArray();
        pillars.RemoveAt(IndexOf(pillars, "support.security"));
        var policy = IndexOf(pillars, "support.policy");
        pillars[policy]!["kind"] = "action";
        var science = IndexOf(pillars, "action.science");
        pillars[science]!["items"]![1]!["code"] = "action.industry.rnd";
        root["goals"]![0]!["targets"]![0]!["op"] = "≥";
        var path = _files.Write("catalog-broken.json", root.ToJsonString(Indented));

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadCatalog(path));

        Assert.Equal(4, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Path == "pillars" && p.Line is null && p.Message == "the support 'support.security' is missing");
        Assert.Contains(error.Problems, p => p.Path == $"pillars[{policy}].kind" && p.Message == "pillar 'support.policy' must have kind 'support'");
        Assert.Contains(error.Problems, p => p.Path == $"pillars[{science}].items[1].code" && p.Message.Contains("'action.science.'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "goals[0].targets[0].op" && p.Line is not null);
        Assert.Contains("catalog-broken.json", error.Message, StringComparison.Ordinal);
        Assert.Equal("pillars", error.Problems[^1].Path);
        Assert.Equal(error.Problems.Take(3).Select(p => p.Line).Order(), error.Problems.Take(3).Select(p => p.Line));
    }

    [Fact]
    public void LoadCatalog_DuplicateItemCodeAndBlankName_ReportsBothWithLines()
    {
        var root = RepositoryFile(RepositoryDataFiles.CatalogPath);
        var items = root["pillars"]![IndexOf(root["pillars"]!.AsArray(), "action.industry")]!["items"]!.AsArray();
        items[1]!["code"] = items[0]!["code"]!.GetValue<string>();
        items[2]!["nameEn"] = "  ";
        var path = _files.Write("catalog-duplicate.json", root.ToJsonString(Indented));
        var lines = File.ReadAllLines(path);

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadCatalog(path));

        Assert.Equal(2, error.Problems.Count);
        var duplicate = Assert.Single(error.Problems, p => p.Message.StartsWith("duplicate code 'action.industry.ainative'", StringComparison.Ordinal));
        var blank = Assert.Single(error.Problems, p => p.Message == "'nameEn' is empty");
        Assert.Contains("\"code\": \"action.industry.ainative\"", lines[duplicate.Line!.Value - 1], StringComparison.Ordinal);
        Assert.Contains("\"nameEn\": \"  \"", lines[blank.Line!.Value - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCatalog_MalformedJson_ReportsFileNameAndLine()
    {
        var path = _files.Write("catalog-malformed.json", "{\n  \"pillars\": [],\n  \"goals\": [\n    { \"code\": goal }\n  ]\n}\n");

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadCatalog(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("catalog-malformed.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadCatalog_NotAnObject_ReportsShape()
    {
        var path = _files.Write("catalog-array.json", "[]");

        var error = Assert.Throws<DirectoryDataException>(() => DirectoryFiles.LoadCatalog(path));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(1, problem.Line);
        Assert.Contains("JSON object with a 'pillars' array", problem.Message, StringComparison.Ordinal);
    }

    private static JsonObject RepositoryFile(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static int IndexOf(JsonArray array, string code)
    {
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i]!["code"]!.GetValue<string>() == code)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{code}' is not in the repository file.");
    }
}
