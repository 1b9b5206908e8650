using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Host.Endpoints;
using AiPlusTasks.Host.Idempotency;
using AiPlusTasks.Host.Infrastructure;
using AiPlusTasks.Host.Security;
using AiPlusTasks.Host.Seeding;
using AiPlusTasks.Web;
using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(AuditCommand.HostArguments(args));

builder.AddAiPlusTasksEngine();
builder.AddWebHardening();
builder.AddAiPlusTasksDataProtection();
builder.Services.AddApiConventions();
builder.Services.AddRequestBodyLimits();
builder.Services.AddAiPlusTasksAuthentication();
builder.Services.AddOpenApi(options =>
{
    // Free-form JSON (workflow inputs, task data, Elsa definitions) is described in place, not as components named
    // JsonNode/JsonObject: a generated client then offers untyped JSON there rather than a model with no properties.
    options.CreateSchemaReferenceId = type => type.Type.Namespace == typeof(System.Text.Json.Nodes.JsonNode).Namespace
        ? null
        : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
});
builder.Services.AddReadiness();
builder.Services.AddWebUi();
builder.Services.AddNotificationChannels();
builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
builder.Services.AddSingleton<UserSeeder>();
builder.Services.AddSingleton<WorkflowSeeder>();
builder.Services.AddSingleton<PlanSeeder>();
builder.Services.AddHostedService<StartupSeeding>();

var app = builder.Build();

// `audit verify` checks the audit trail's hash chain and exits, without starting the web server.
if (AuditCommand.Requested(args))
{
    return await AuditCommand.RunAsync(args, app.Services, Console.Out);
}


app.UseWebHardening();
app.UseStartupGate();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAiPlusTasksLocalization();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseCallerAddress();
app.UseAntiforgery();
app.UseIdempotencyKeys();
app.MapStaticAssets();
app.MapOpenApi();
app.MapScalarApiReference(o => o.DisableDefaultFonts());
app.MapHealth();
app.MapAuthEndpoints();
app.MapAccountEndpoints();
app.MapSingleSignOnEndpoints();
app.MapWebUi();
app.MapWorkflowDefinitionEndpoints();
app.MapWorkflowInstanceEndpoints();
app.MapEventEndpoints();
app.MapTaskEndpoints();
app.MapEscalationEndpoints();
app.MapReviewEndpoints();
app.MapDirectoryEndpoints();
app.MapPlanEndpoints();
app.MapExportEndpoints();
app.MapCalendarEndpoints();
app.MapWebhookSubscriptionEndpoints();
app.MapApiKeyEndpoints();
app.MapUserEndpoints();
app.MapNotificationEndpoints();
app.MapDelegationEndpoints();
app.MapBulkJobEndpoints();
app.MapRetentionEndpoints();
app.MapAuditEndpoints();
app.AnnounceUrls();

app.Run();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
