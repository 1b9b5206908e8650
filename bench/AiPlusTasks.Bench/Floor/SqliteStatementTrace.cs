using System.Runtime.InteropServices;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// Records every SQL statement that any SQLite connection of this process runs on one database file while
/// <see cref="Recording"/> is on: its text as prepared and its text with the bound values written in
/// (<c>sqlite3_expanded_sql</c>), and which connection ran it. SQLite's own hooks, not the engine's: an auto-extension (<c>sqlite3_auto_extension</c>) puts a
/// statement trace (<c>sqlite3_trace_v2</c>, <c>SQLITE_TRACE_STMT</c>) on every connection opened after
/// <see cref="Install"/>, so EF Core's queries, the engine's plain ADO.NET writes and the transaction statements
/// are all seen, whatever code opened the connection. Statements run by triggers are part of their statement and
/// are not recorded on their own.
/// </summary>
internal static class SqliteStatementTrace
{
    private const string Library = "e_sqlite3";
    private const uint TraceStatement = 0x01;

    private static readonly AutoExtension EntryPoint = OnOpen;
    private static readonly TraceCallback Callback = OnStatement;
    private static readonly Lock Gate = new();
    private static readonly List<TracedStatement> Statements = [];
    private static readonly Dictionary<IntPtr, int> Connections = [];
    private static readonly Dictionary<IntPtr, string> Files = [];
    private static bool _installed;
    private static string? _watched;
    private static long _seen;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int AutoExtension(IntPtr db, IntPtr errorMessage, IntPtr api);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int TraceCallback(uint type, IntPtr context, IntPtr statement, IntPtr sql);

    /// <summary>Whether statements are being recorded now; off, each statement costs one call into this class.</summary>
    public static bool Recording { get; set; }

    /// <summary>
    /// Watches the database <paramref name="file"/>: its statements are counted in <see cref="Seen"/> and recorded
    /// while <see cref="Recording"/> is on; other databases' statements are let pass. Null watches none.
    /// </summary>
    public static void Watch(string? file) => Volatile.Write(ref _watched, file is null ? null : Path.GetFullPath(file));

    /// <summary>Statements started on the watched database, recorded or not.</summary>
    public static long Seen => Interlocked.Read(ref _seen);

    /// <summary>Waits until no connection has started a statement on the watched database for <paramref name="quiet"/> (at most 30 s).</summary>
    public static async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var last = Seen;
        while (true)
        {
            await Task.Delay(quiet);
            var now = Seen;
            if (now == last)
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new BenchmarkFailedException("the engine's connections did not fall quiet within 30 s");
            }

            last = now;
        }
    }

    /// <summary>Puts the trace on every connection opened from now on (call before the engine opens any).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                Check(sqlite3_auto_extension(Marshal.GetFunctionPointerForDelegate(EntryPoint)), "sqlite3_auto_extension");
                _installed = true;
            }
        }
    }

    /// <summary>The statements recorded since the last call, in the order they started.</summary>
    public static List<TracedStatement> Take()
    {
        lock (Gate)
        {
            var taken = new List<TracedStatement>(Statements);
            Statements.Clear();
            return taken;
        }
    }

    private static int OnOpen(IntPtr db, IntPtr errorMessage, IntPtr api)
    {
        var file = Marshal.PtrToStringUTF8(sqlite3_db_filename(db, "main"u8.ToArray())) ?? "";
        lock (Gate)
        {
            Files[db] = file.Length == 0 ? "" : Path.GetFullPath(file);
        }

        return sqlite3_trace_v2(db, TraceStatement, Marshal.GetFunctionPointerForDelegate(Callback), IntPtr.Zero);
    }

    private static int OnStatement(uint type, IntPtr context, IntPtr statement, IntPtr sql)
    {
        var watched = Volatile.Read(ref _watched);
        if (watched is null || type != TraceStatement)
        {
            return 0;
        }

        var db = sqlite3_db_handle(statement);
        lock (Gate)
        {
            if (!Files.TryGetValue(db, out var file) || file != watched)
            {
                return 0;
            }
        }

        Interlocked.Increment(ref _seen);
        if (!Recording)
        {
            return 0;
        }

        var text = Marshal.PtrToStringUTF8(sql) ?? "";
        if (text.StartsWith("--", StringComparison.Ordinal))
        {
            return 0; // a trigger's statement: it runs inside the statement that fired it
        }

        var expandedPointer = sqlite3_expanded_sql(statement);
        var expanded = expandedPointer == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(expandedPointer);
        sqlite3_free(expandedPointer);
        lock (Gate)
        {
            if (!Connections.TryGetValue(db, out var connection))
            {
                connection = Connections.Count;
                Connections.Add(db, connection);
            }

            Statements.Add(new TracedStatement(connection, text, expanded));
        }

        return 0;
    }

    private static void Check(int result, string function)
    {
        if (result != 0)
        {
            throw new BenchmarkFailedException($"{function} failed with SQLite result code {result}");
        }
    }

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_auto_extension(IntPtr entryPoint);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_trace_v2(IntPtr db, uint mask, IntPtr callback, IntPtr context);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_expanded_sql(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void sqlite3_free(IntPtr pointer);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_db_handle(IntPtr statement);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_db_filename(IntPtr db, byte[] name);
}
