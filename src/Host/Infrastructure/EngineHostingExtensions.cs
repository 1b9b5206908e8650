using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Host.Seeding;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>Adds the engine with the Host's configuration: provider, connection string, migrations.</summary>
public static class EngineHostingExtensions
{
    public const string ConnectionStringName = "AiPlusTasks";

    public static WebApplicationBuilder AddAiPlusTasksEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<WorkflowsOptions>().BindConfiguration(WorkflowsOptions.SectionName);
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var configured = builder.Configuration.GetConnectionString(ConnectionStringName);
        var workflows = builder.Configuration.GetSection(WorkflowsOptions.SectionName).Get<WorkflowsOptions>() ?? new WorkflowsOptions();
        builder.Services.AddWorkflowEngine(e =>
        {
            if (database.Provider == "Postgres")
            {
                e.UsePostgres(configured is { Length: > 0 }
                    ? configured
                    : throw new InvalidOperationException($"Database:Provider is Postgres but ConnectionStrings:{ConnectionStringName} is empty."));
            }
            else
            {
                e.UseSqlite(SqliteConnectionString(configured, builder.Environment.ContentRootPath), database.SqliteSynchronous);
            }

            e.UseMigrationsOnStartup(database.MigrateOnStartup)
                .UseDirectory(Path.Combine(workflows.FolderIn(builder.Environment.ContentRootPath), DirectoryFiles.FolderName))
                .UseCalendar(Path.Combine(workflows.FolderIn(builder.Environment.ContentRootPath), CalendarFiles.FolderName));
        });
        return builder;
    }

    /// <summary>The configured connection string with a relative file resolved against the content root; default <c>data/aiplustasks.db</c>.</summary>
    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/aiplustasks.db");
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) && !Path.IsPathRooted(file))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, file));
        }

        if (csb.DefaultTimeout < 30)
        {
            csb.DefaultTimeout = 30;
        }

        return csb.ToString();
    }
}
