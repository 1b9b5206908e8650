using System.Xml.Linq;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Designer.Tests.Support;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Tests.Resources;

public sealed class DesignerTextTests
{
    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Designer", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Resx_ChineseAndEnglish_HaveTheSameKeys()
    {
        var chinese = Keys("DesignerText.resx");
        var english = Keys("DesignerText.en.resx");

        Assert.Empty(chinese.Except(english));
        Assert.Empty(english.Except(chinese));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Get_EveryEngineTypeAndInput_HasANameInBothLanguages(string culture)
    {
        TestCulture.Use(culture);

        var missing = DesignerServices.Catalog.All
            .SelectMany(d => d.Inputs.Select(i => "Input-" + i.Name).Prepend("Type-" + d.Type).Append("Group-" + d.Category))
            .Where(key => DesignerText.Get(key) is null)
            .Distinct()
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Get_EveryWorkflowStatus_HasANameInBothLanguages(string culture)
    {
        TestCulture.Use(culture);

        var missing = Enum.GetNames<WorkflowStatus>().Select(s => "WorkflowStatus-" + s).Where(key => DesignerText.Get(key) is null).ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Get_EveryValidationProblemCode_HasATextInBothLanguages(string culture)
    {
        TestCulture.Use(culture);

        var missing = ValidationProblemCodes.All.Where(code => DesignerText.Get("Problem-" + code) is null).ToList();

        Assert.NotEmpty(ValidationProblemCodes.All);
        Assert.Empty(missing);
    }
}
