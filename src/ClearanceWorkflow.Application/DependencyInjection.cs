using System.Reflection;
using ClearanceWorkflow.Application.Audit;
using ClearanceWorkflow.Application.Common;
using ClearanceWorkflow.Application.Features.Cases;
using ClearanceWorkflow.Application.Workflows;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.Application;

public static class DependencyInjection
{
    /// <summary>MediatR 5 has no DI package: the mediator, handlers and the pipeline are registered here; FluentValidation's scans for the validators.</summary>
    public static IServiceCollection AddClearanceApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddScoped<ServiceFactory>(p => p.GetService);
        services.AddScoped<IMediator, Mediator>();
        foreach (var (service, implementation) in ClosedImplementations(assembly, typeof(IRequestHandler<,>)))
        {
            services.AddScoped(service, implementation);
        }

        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);

        // The pipeline, outermost first.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));

        services.AddScoped<ActorContext>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<Features.Investigations.CheckRecorder>();
        services.AddScoped<Features.Reciprocity.ReciprocityDesk>();
        services.AddSingleton<Features.Reciprocity.ReciprocityAuditWriter>();
        services.AddScoped<TransactionResources>();
        if (configuration.GetValue("Verification:Automated", true))
        {
            services.AddScoped<IInvestigationScheduler, Scheduling.InvestigationScheduler>();
        }

        services.AddScoped<IStageTimers, Scheduling.StageTimers>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<WorkflowRunner>();
        services.AddScoped<IStageEffect, StartInvestigationEffect>();
        services.AddScoped<IStageEffect, CloseCaseEffect>();
        services.AddOptions<ClearanceOptions>().Bind(configuration.GetSection("Clearance"));
        services.AddOptions<Features.Timers.ReinvestigationOptions>().Bind(configuration.GetSection("Reinvestigation"));

        services.AddSingleton(sp =>
        {
            var directory = configuration["Workflows:Path"] is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "workflows");
            var active = configuration.GetSection("Workflows:Active").GetChildren()
                .Where(s => int.TryParse(s.Value, out _))
                .ToDictionary(s => s.Key, s => int.Parse(s.Value!, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
            return new WorkflowRegistry(directory, active, ["startInvestigation", "closeCase"]);
        });
        return services;
    }

    private static IEnumerable<(Type Service, Type Implementation)> ClosedImplementations(Assembly assembly, Type openInterface) =>
        from type in assembly.GetTypes()
        where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && service.GetGenericTypeDefinition() == openInterface
        select (service, type);
}
