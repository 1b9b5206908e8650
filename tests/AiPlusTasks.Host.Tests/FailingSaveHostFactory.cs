using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests;

/// <summary>
/// A host whose database refuses the next progress report once <see cref="FailNextProgressReport"/> is called: the save
/// throws, so the request fails with a 500 and nothing is written — a server error to retry.
/// </summary>
public sealed class FailingSaveHostFactory : HostFactory
{
    private readonly ProgressReportSaveFault _fault = new();

    /// <summary>Makes the next save that adds a progress report throw.</summary>
    public void FailNextProgressReport() => _fault.Armed = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(_fault));
    }

    private sealed class ProgressReportSaveFault : SaveChangesInterceptor
    {
        public volatile bool Armed;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<ProgressReportRecord>().Any(e => e.State == EntityState.Added))
            {
                Armed = false;
                throw new InvalidOperationException("test fault: the database refused the progress report");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
