using System.Text.Json;

using AiPlusTasks.Client;

namespace AiPlusTasks.Cli.Connection;

/// <summary>
/// Sign-in tokens per server URL in <c>credentials.json</c> of the config folder. The folder and the file are the
/// owner's only (0700 / 0600) on Unix; on Windows the user's profile folder already is.
/// </summary>
public sealed class TokenStore(string folder)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string FilePath => Path.Combine(folder, "credentials.json");

    public SessionTokens? Get(Uri server) => ReadAll().GetValueOrDefault(Key(server));

    public void Save(Uri server, SessionTokens tokens) => Write(all => all[Key(server)] = tokens);

    /// <summary>Forgets the server's tokens; false when there were none.</summary>
    public bool Remove(Uri server)
    {
        var removed = false;
        Write(all => removed = all.Remove(Key(server)));
        return removed;
    }

    private static string Key(Uri server) => server.GetLeftPart(UriPartial.Authority);

    private Dictionary<string, SessionTokens> ReadAll() => File.Exists(FilePath)
        ? JsonSerializer.Deserialize<Dictionary<string, SessionTokens>>(File.ReadAllText(FilePath), Json) ?? []
        : [];

    private void Write(Action<Dictionary<string, SessionTokens>> change)
    {
        var all = ReadAll();
        change(all);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Written to a new owner-only file, then moved over the old one: the tokens are never readable by others, not even briefly.
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, all, Json);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
