using AiPlusTasks.Designer;
using AiPlusTasks.Host.Components;
using AiPlusTasks.Host.Endpoints;
using AiPlusTasks.Host.Infrastructure;
using MudBlazor.Services;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddAiPlusTasksEngine();
builder.Services.AddApiConventions();
builder.Services.AddAiPlusTasksAuthentication();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    // The inbox hands its prerendered page to the circuit as persisted state, which the browser sends back over the
    // hub: 50 rows of Chinese titles pass SignalR's 32 KB default, and the circuit was closed at start.
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 512 * 1024);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddMudServices();
builder.Services.AddWorkflowDesigner();
builder.Services.AddLocalization();
builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
builder.Services.AddSingleton<UserSeeder>();
builder.Services.AddSingleton<WorkflowSeeder>();
builder.Services.AddSingleton<PlanSeeder>();
builder.Services.AddHostedService<StartupSeeding>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAiPlusTasksLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseIdempotencyKeys();
app.MapStaticAssets();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapAuthEndpoints();
app.MapAccountEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddAdditionalAssemblies(typeof(DesignerPolicies).Assembly);
app.MapWorkflowDefinitionEndpoints();
app.MapWorkflowInstanceEndpoints();
app.MapEventEndpoints();
app.MapTaskEndpoints();
app.MapEscalationEndpoints();
app.MapDirectoryEndpoints();
app.MapPlanEndpoints();
app.MapWebhookSubscriptionEndpoints();
app.MapApiKeyEndpoints();
app.AnnounceUrls();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
