using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Tests.Oidc;

/// <summary>A provider configured to give a province's users an NDRC role stops the Host at start-up, before any sign-in.</summary>
[Trait("Category", "Security")]
public sealed class SingleSignOnStartupTests
{
    private sealed class ProvincePlatformGivingNdrcRolesFactory : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["Authentication:Oidc:Providers:0:Name"] = "guangdong",
            ["Authentication:Oidc:Providers:0:ChineseName"] = "广东省统一身份认证",
            ["Authentication:Oidc:Providers:0:EnglishName"] = "Guangdong unified identity",
            ["Authentication:Oidc:Providers:0:Authority"] = "https://id.gd.example/",
            ["Authentication:Oidc:Providers:0:ClientId"] = "aiplustasks",
            ["Authentication:Oidc:Providers:0:FixedAgency"] = "guangdong",
            ["Authentication:Oidc:Providers:0:RoleClaim"] = "role",
            ["Authentication:Oidc:Providers:0:RoleMap:boss"] = "ndrc-planner",
        };
    }

    [Fact]
    public async Task Start_ProvincePlatformMappingToAnNdrcRole_Refused()
    {
        // Arrange
        await using var factory = new ProvincePlatformGivingNdrcRolesFactory();

        // Act
        var failure = Record.Exception(() => factory.CreateClient());

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
        Assert.Contains(validation.Failures, f => f.Contains("RoleMap:boss maps to 'ndrc-planner'", StringComparison.Ordinal));
    }
}
