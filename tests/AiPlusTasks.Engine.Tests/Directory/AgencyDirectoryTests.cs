using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Tests.Directory;

public sealed class AgencyDirectoryTests
{
    private static readonly string[] ConstituentDepartments =
    [
        "mfa", "mod", "ndrc", "moe", "most", "miit", "neac", "mps", "mss", "mca", "moj", "mof", "mohrss",
        "mnr", "mee", "mohurd", "mot", "mwr", "moa", "mofcom", "mct", "nhc", "mva", "mem", "pbc", "nao",
    ];

    private static readonly AgencyDirectory Agencies = DirectoryFiles.LoadAgencies(RepositoryDataFiles.AgenciesPath);

    [Fact]
    public void LoadAgencies_RepositoryFile_Has32DistinctProvinceLevelUnitsIncludingTheCorps()
    {
        var provinces = Agencies.Provinces;

        Assert.Equal(32, provinces.Count);
        Assert.Equal(32, provinces.Select(p => p.Code).Distinct().Count());
        Assert.Equal(32, provinces.Select(p => p.NameZh).Distinct().Count());
        Assert.Equal(32, provinces.Select(p => p.NameEn).Distinct().Count());
        Assert.Equal(AgencyKind.Corps, Agencies.Get("bingtuan").Kind);
        Assert.Equal("新疆生产建设兵团", Agencies.Get("bingtuan").NameZh);
        Assert.Equal("Xinjiang Production and Construction Corps", Agencies.Get("bingtuan").NameEn);
        Assert.Equal("bingtuan", provinces[^1].Code);
        Assert.All(["guangdong", "hubei", "shanxi", "shaanxi"], code => Assert.True(Agencies.IsProvince(code), code));
    }

    [Fact]
    public void LoadAgencies_RepositoryFile_KeepsShanxiAndShaanxiApart()
    {
        var shanxi = Agencies.Get("shanxi");
        var shaanxi = Agencies.Get("shaanxi");

        Assert.Equal(("山西省", "Shanxi Province"), (shanxi.NameZh, shanxi.NameEn));
        Assert.Equal(("陕西省", "Shaanxi Province"), (shaanxi.NameZh, shaanxi.NameEn));
    }

    [Theory]
    [InlineData("beijing", "北京市", "Beijing Municipality", AgencyKind.Municipality)]
    [InlineData("neimenggu", "内蒙古自治区", "Inner Mongolia Autonomous Region", AgencyKind.AutonomousRegion)]
    [InlineData("guangdong", "广东省", "Guangdong Province", AgencyKind.Province)]
    [InlineData("guangxi", "广西壮族自治区", "Guangxi Zhuang Autonomous Region", AgencyKind.AutonomousRegion)]
    [InlineData("xinjiang", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region", AgencyKind.AutonomousRegion)]
    [InlineData("ndrc", "国家发展和改革委员会", "National Development and Reform Commission", AgencyKind.Constituent)]
    [InlineData("moa", "农业农村部", "Ministry of Agriculture and Rural Affairs", AgencyKind.Constituent)]
    [InlineData("nda", "国家数据局", "National Data Administration", AgencyKind.Administration)]
    public void Get_KnownCode_ReturnsOfficialNamesAndKind(string code, string nameZh, string nameEn, AgencyKind kind)
    {
        var agency = Agencies.Get(code);

        Assert.Equal(new Agency(code, nameZh, nameEn, kind, agency.ParentCode), agency);
    }

    [Fact]
    public void LoadAgencies_RepositoryFile_ProvinceLevelNamesEndAsTheirKindRequires()
    {
        var suffixes = new Dictionary<AgencyKind, (string Zh, string En)>
        {
            [AgencyKind.Province] = ("省", " Province"),
            [AgencyKind.Municipality] = ("市", " Municipality"),
            [AgencyKind.AutonomousRegion] = ("自治区", " Autonomous Region"),
            [AgencyKind.Corps] = ("兵团", " Corps"),
        };

        Assert.All(Agencies.Provinces, p =>
        {
            Assert.EndsWith(suffixes[p.Kind].Zh, p.NameZh, StringComparison.Ordinal);
            Assert.EndsWith(suffixes[p.Kind].En, p.NameEn, StringComparison.Ordinal);
            Assert.Null(p.ParentCode);
        });
        Assert.Equal(22, Agencies.Provinces.Count(p => p.Kind == AgencyKind.Province));
        Assert.Equal(5, Agencies.Provinces.Count(p => p.Kind == AgencyKind.AutonomousRegion));
        Assert.Equal(4, Agencies.Provinces.Count(p => p.Kind == AgencyKind.Municipality));
    }

    [Fact]
    public void LoadAgencies_RepositoryFile_HasThe26ConstituentDepartmentsAndNoOthersOfThatKind()
    {
        var constituent = Agencies.All.Where(a => a.Kind == AgencyKind.Constituent).Select(a => a.Code);

        Assert.Equal(ConstituentDepartments.Order(StringComparer.Ordinal), constituent.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nda", "ndrc")]
    [InlineData("nea", "ndrc")]
    [InlineData("nmpa", "samr")]
    [InlineData("sac", "samr")]
    [InlineData("spb", "mot")]
    [InlineData("nra", "mot")]
    [InlineData("caac", "mot")]
    [InlineData("cnipa", null)]
    [InlineData("sasac", null)]
    public void Get_ManagedBody_NamesItsManagingBodyAsParent(string code, string? parentCode)
    {
        var agency = Agencies.Get(code);

        Assert.Equal(parentCode, agency.ParentCode);
    }

    [Fact]
    public void LoadAgencies_RepositoryFile_EveryParentResolvesToANonProvinceAgency()
    {
        var withParent = Agencies.All.Where(a => a.ParentCode is not null).ToList();

        Assert.NotEmpty(withParent);
        Assert.All(withParent, a => Assert.False(Agencies.Get(a.ParentCode!).IsProvinceLevel, a.Code));
        Assert.All(withParent, a => Assert.Equal(AgencyKind.Administration, a.Kind));
    }

    [Fact]
    public void Ministries_RepositoryFile_ExcludeNdrcAndProvinceLevelUnits()
    {
        var ministries = Agencies.Ministries;

        Assert.Equal(Agencies.All.Count - 33, ministries.Count);
        Assert.DoesNotContain(ministries, a => a.Code == AgencyDirectory.CoordinatorCode || a.IsProvinceLevel);
        Assert.Contains(ministries, a => a.Code == "miit");
        Assert.Contains(ministries, a => a.Code == "cac");
    }

    [Fact]
    public void Get_UnknownCode_ThrowsNotFound()
    {
        var error = Assert.Throws<NotFoundException>(() => Agencies.Get("atlantis"));

        Assert.Contains("atlantis", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guangdong", true)]
    [InlineData("bingtuan", true)]
    [InlineData("miit", false)]
    [InlineData("ndrc", false)]
    [InlineData("atlantis", false)]
    [InlineData("Guangdong", false)]
    public void IsProvince_Code_TellsProvinceLevelUnitsApart(string code, bool expected)
    {
        var isProvince = Agencies.IsProvince(code);

        Assert.Equal(expected, isProvince);
    }

    [Fact]
    public void Find_UnknownCode_ReturnsNull()
    {
        var agency = Agencies.Find("atlantis");

        Assert.Null(agency);
    }

    [Fact]
    public void Constructor_DuplicateCode_Throws()
    {
        Agency[] agencies = [new("a", "甲", "A", AgencyKind.Constituent, null), new("a", "乙", "B", AgencyKind.Province, null)];

        Assert.Throws<ArgumentException>(() => new AgencyDirectory(agencies));
    }
}
