using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeglectAudit.Notifications;
using NeglectAudit.Storage;

namespace NeglectAudit.FaultHost;

/// <summary>
/// Installs the kill-point decorators, and only when the setting <see cref="FaultInjector.Setting"/>
/// names kill points: a host started without it is exactly the normal local host. To cover a new
/// side effect, decorate its interface here and name it in <see cref="SideEffectNames"/>.
/// </summary>
public static class FaultInjectionServices
{
    public static IReadOnlyList<KillPoint> KillPoints(IConfiguration configuration) =>
        KillPoint.ParseList(configuration[FaultInjector.Setting]);

    /// <summary>Decorates the app's services with kill points and names the running activity (a worker middleware).</summary>
    public static void AddFaultInjection(this IFunctionsWorkerApplicationBuilder worker, IReadOnlyList<KillPoint> killPoints)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(killPoints);
        if (killPoints.Count == 0)
        {
            return;
        }

        worker.UseMiddleware<ActivityScope>();
        IServiceCollection services = worker.Services;

        services.AddSingleton(sp =>
        {
            var injector = new FaultInjector(killPoints, sp.GetRequiredService<ILogger<FaultInjector>>());
            sp.GetRequiredService<ILogger<FaultInjector>>().FaultInjectionOn(string.Join(", ", killPoints));
            return injector;
        });
        Decorate<IAuditStore>(services, (inner, sp) => new FaultingAuditStore(inner, sp.GetRequiredService<FaultInjector>()));
        Decorate<IEmailSender>(services, (inner, sp) => new FaultingEmailSender(inner, sp.GetRequiredService<FaultInjector>()));
        Decorate<ITeamsNotifier>(services, (inner, sp) => new FaultingTeamsNotifier(inner, sp.GetRequiredService<FaultInjector>()));
        Decorate<DurableTaskClient>(services, (inner, sp) => new FaultingDurableClient(inner, sp.GetRequiredService<FaultInjector>()));
    }

    /// <summary>Replaces the last registration of a service with a decorator around what it made.</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        ServiceDescriptor original = services.LastOrDefault(d => d.ServiceType == typeof(TService))
            ?? throw new InvalidOperationException($"{typeof(TService).Name} is not registered, so it cannot carry kill points.");
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(
            typeof(TService),
            sp => decorate((TService)Create(original, sp), sp),
            original.Lifetime));
    }

    private static object Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
