namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// The authorization matrix as <c>docs/security.md</c> writes it, between <c>&lt;!-- authorization-matrix --&gt;</c> and
/// <c>&lt;!-- /authorization-matrix --&gt;</c>: a row per route (<c>GET /api/tasks/{taskId}</c>, <c>ANY /_blazor</c>) or
/// page (<c>PAGE /plans</c>, a section <c>PAGE /integrations#api-keys</c>), a column per role. The document is the one
/// source; the tests read it, so the two cannot drift.
/// </summary>
public sealed class AuthorizationMatrix
{
    /// <summary>The roles, in the document's column order.</summary>
    public static readonly IReadOnlyList<string> Roles =
        ["anonymous", "agency-staff", "agency-lead", "agency-system", "ndrc-planner", "ndrc-supervisor", "auditor", "ndrc-admin"];

    private static readonly Lazy<AuthorizationMatrix> Document = new(() => Parse(File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "security.md"))));

    private readonly Dictionary<string, Dictionary<string, MatrixAccess>> _rows;

    private AuthorizationMatrix(Dictionary<string, Dictionary<string, MatrixAccess>> rows) => _rows = rows;

    /// <summary>The matrix of <c>docs/security.md</c>.</summary>
    public static AuthorizationMatrix Load() => Document.Value;

    /// <summary>Every row's route or page, in the document's order.</summary>
    public IReadOnlyList<string> Rows => [.. _rows.Keys];

    /// <summary>What <paramref name="role"/> gets on <paramref name="row"/>.</summary>
    public MatrixAccess Access(string row, string role) =>
        _rows.TryGetValue(row, out var cells) ? cells[role] : throw new KeyNotFoundException($"docs/security.md has no matrix row `{row}`");

    /// <summary>Reads the table; throws on a malformed row, an unknown cell or a repeated route, naming the line.</summary>
    public static AuthorizationMatrix Parse(IReadOnlyList<string> lines)
    {
        var start = IndexOf(lines, "<!-- authorization-matrix -->");
        var end = IndexOf(lines, "<!-- /authorization-matrix -->");
        var header = Cells(lines[start + 1]);
        if (!header.Skip(1).Take(Roles.Count).SequenceEqual(Roles))
        {
            throw new FormatException($"docs/security.md:{start + 2}: the matrix columns must be: route or page, {string.Join(", ", Roles)}, decided by");
        }

        var rows = new Dictionary<string, Dictionary<string, MatrixAccess>>(StringComparer.Ordinal);
        for (var i = start + 3; i < end; i++)
        {
            var cells = Cells(lines[i]);
            if (cells.Count < Roles.Count + 1 || !cells[0].StartsWith('`') || !cells[0].EndsWith('`'))
            {
                throw new FormatException($"docs/security.md:{i + 1}: a matrix row is | `METHOD /route` | {Roles.Count} cells | decided by |");
            }

            var route = cells[0].Trim('`');
            var access = new Dictionary<string, MatrixAccess>(StringComparer.Ordinal);
            for (var r = 0; r < Roles.Count; r++)
            {
                access[Roles[r]] = cells[r + 1] switch
                {
                    "✓" => MatrixAccess.Allowed,
                    "own" => MatrixAccess.Own,
                    "✗" => MatrixAccess.Refused,
                    "401" => MatrixAccess.SignIn,
                    var other => throw new FormatException($"docs/security.md:{i + 1}: `{other}` for {Roles[r]} is not ✓, own, ✗ or 401"),
                };
            }

            if (!rows.TryAdd(route, access))
            {
                throw new FormatException($"docs/security.md:{i + 1}: `{route}` has two rows");
            }
        }

        return new AuthorizationMatrix(rows);
    }

    private static int IndexOf(IReadOnlyList<string> lines, string marker)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Trim() == marker)
            {
                return i;
            }
        }

        throw new FormatException($"docs/security.md has no {marker} line");
    }

    private static List<string> Cells(string line) =>
        [.. line.Trim().Trim('|').Split('|').Select(c => c.Trim())];
}
