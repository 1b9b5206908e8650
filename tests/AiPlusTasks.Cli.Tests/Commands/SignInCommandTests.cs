using AiPlusTasks.Host.Tests;

namespace AiPlusTasks.Cli.Tests.Commands;

/// <summary><c>aiplus login</c> / <c>logout</c> against the real Host's token route, and what a command without a sign-in says.</summary>
public sealed class SignInCommandTests(HostFactory host) : IClassFixture<HostFactory>, IDisposable
{
    private readonly CliRun _cli = new(host);

    [Fact]
    public async Task Login_ThenACommand_UsesTheStoredTokenKeptOwnerOnly()
    {
        // Act
        await _cli.LoginAsync();
        var publish = await _cli.RunAsync("definitions", "publish", "hello-world");

        // Assert
        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Contains("Published hello-world version", publish.Output, StringComparison.Ordinal);
        var credentials = Path.Combine(_cli.ConfigFolder, "credentials.json");
        Assert.Contains(CliRun.Url, await File.ReadAllTextAsync(credentials), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
        }
    }

    [Fact]
    public async Task Login_WrongPassword_SaysTheCredentialsAreWrongAndStoresNothing()
    {
        // Act
        var login = await _cli.RunWithInputAsync("not-the-password\n", "login", "--user", "ndrc.planner", "--password-stdin");

        // Assert
        Assert.Equal(1, login.ExitCode);
        Assert.Contains("HTTP 401 Unauthorized The user name, password or code is wrong", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigFolder, "credentials.json")));
    }

    [Fact]
    public async Task Logout_ThenACommand_SaysToRunLogin()
    {
        // Arrange
        await _cli.LoginAsync();

        // Act
        var logout = await _cli.RunAsync("logout");
        var publish = await _cli.RunAsync("definitions", "publish", "hello-world");

        // Assert
        Assert.Contains($"Signed out of {CliRun.Url}", logout.Output, StringComparison.Ordinal);
        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("aiplus login --url", publish.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
