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
    /// <summary>The actions definitions may name as an action's <c>request</c>, by that name.</summary>
    public static readonly IReadOnlyDictionary<string, Type> CaseActions = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["Submit"] = typeof(Features.Actions.Submit),
        ["Withdraw"] = typeof(Features.Actions.Withdraw),
        ["CompleteInvestigation"] = typeof(Features.Actions.CompleteInvestigation),
        ["Claim"] = typeof(Features.Actions.Claim),
        ["Assign"] = typeof(Features.Actions.Assign),
        ["RequestInformation"] = typeof(Features.Actions.RequestInformation),
        ["ProvideInformation"] = typeof(Features.Actions.ProvideInformation),
        ["ScheduleInterview"] = typeof(Features.Actions.ScheduleInterview),
        ["CompleteInterview"] = typeof(Features.Actions.CompleteInterview),
        ["ReferToDecision"] = typeof(Features.Actions.ReferToDecision),
        ["Grant"] = typeof(Features.Actions.Grant),
        ["Deny"] = typeof(Features.Actions.Deny),
        ["Concur"] = typeof(Features.Actions.Concur),
        ["DeclineConcurrence"] = typeof(Features.Actions.DeclineConcurrence),
        ["GrantInterim"] = typeof(Features.Actions.GrantInterim),
        ["WithdrawInterim"] = typeof(Features.Actions.WithdrawInterim),
        ["Answer"] = typeof(Features.Actions.Answer),
        ["EndAnswerPeriod"] = typeof(Features.Actions.EndAnswerPeriod),
        ["Appeal"] = typeof(Features.Actions.Appeal),
        ["EndAppealPeriod"] = typeof(Features.Actions.EndAppealPeriod),
        ["BoardVote"] = typeof(Features.Actions.BoardVote),
        ["UpholdDenial"] = typeof(Features.Actions.UpholdDenial),
        ["ReverseDenial"] = typeof(Features.Actions.ReverseDenial),
        ["Suspend"] = typeof(Features.Actions.Suspend),
        ["Reinstate"] = typeof(Features.Actions.Reinstate),
    };

    /// <summary>The effects definitions may name in a stage's <c>onEnter</c>, by that name.</summary>
    public static readonly IReadOnlyDictionary<string, Type> StageEffects = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["startInvestigation"] = typeof(StartInvestigationEffect),
        ["closeCase"] = typeof(CloseCaseEffect),
    };

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
        services.AddScoped<IdempotencyClaim>();
        services.AddScoped<AuditTrail>();
        services.AddSingleton<SealRequests>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<Features.Investigations.CheckRecorder>();
        services.AddScoped<Features.Clearances.CertificateIssuer>();
        services.AddScoped<Features.Reciprocity.ReciprocityDesk>();
        services.AddSingleton<Features.Reciprocity.ReciprocityAuditWriter>();
        services.AddScoped<TransactionResources>();
        services.AddMetrics();
        services.AddSingleton(sp => new ClearanceTelemetry(
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<IServiceScopeFactory>(),
            configuration.GetValue("Metrics:GaugeInterval", TimeSpan.FromSeconds(15)) is { Ticks: >= 0 } gauges
                ? gauges
                : throw new InvalidOperationException("Metrics__GaugeInterval must not be negative (zero reads the gauges at every scrape).")));
        // None when checks are recorded by hand: the start-investigation effect then schedules nothing.
        if (configuration.GetValue("Verification:Automated", true))
        {
            services.AddScoped<IInvestigationScheduler, Scheduling.InvestigationScheduler>();
        }

        services.AddScoped<Scheduling.StageTimers>();
        services.AddScoped<Scheduling.Deadlines>();
        services.AddScoped<Notifications.Notifier>();
        services.AddScoped<WorkflowRunner>();
        foreach (var (name, type) in CaseActions)
        {
            services.AddKeyedScoped(typeof(ICaseAction), name, type);
        }

        foreach (var (name, type) in StageEffects)
        {
            services.AddKeyedScoped(typeof(IStageEffect), name, type);
        }

        services.AddOptions<ClearanceOptions>().Bind(configuration.GetSection("Clearance"))
            .Validate(
                o => new[] { o.ReinvestigationYearsTopSecret, o.ReinvestigationYearsSecret, o.ReinvestigationYearsConfidential }.All(y => y is >= 1 and <= 50) && o.GrantingAgency.Trim().Length > 0,
                "Clearance:ReinvestigationYears* must be whole years from 1 to 50, and Clearance:GrantingAgency not empty.").ValidateOnStart();
        services.AddOptions<DueProcessOptions>().Bind(configuration.GetSection("DueProcess"))
            .Validate(o => o.AnswerDays is >= 1 and <= 3650 && o.AppealDays is >= 1 and <= 3650, "DueProcess:AnswerDays and DueProcess:AppealDays must be whole days from 1 to 3650.").ValidateOnStart();
        RequireWholeNumbers(configuration, "Reinvestigation:ReminderDays", null);
        RequireWholeNumbers(configuration, "Reinvestigation:EscalationDays", null);
        RequireWholeNumbers(configuration, "Timeliness:TargetDays", Features.Reports.Timeliness.Phases);
        services.AddOptions<Features.Timers.ReinvestigationOptions>().Bind(configuration.GetSection("Reinvestigation"))
            .Validate(o => o.Thresholds.All(d => d is >= 1 and <= 36500) && o.GraceDays is >= 0 and <= 3650 && o.BatchSize >= 1
                    && o.Escalations.All(d => d >= 1 && d <= o.GraceDays),
                "Reinvestigation:ReminderDays must be days from 1 to 36500, Reinvestigation:GraceDays from 0 to 3650, Reinvestigation:EscalationDays "
                + "from 1 to the grace days, and Reinvestigation:BatchSize at least 1.").ValidateOnStart();
        services.AddOptions<VettingOptions>().Bind(configuration.GetSection("Vetting"))
            .Validate(o => o.IntervalDays is >= 1 and <= 3650 && o.BatchSize >= 1 && o.Parallelism >= 1,
                "Vetting:IntervalDays must be days from 1 to 3650, and Vetting:BatchSize and Vetting:Parallelism at least 1.").ValidateOnStart();
        services.AddOptions<Features.Reports.TimelinessOptions>().Bind(configuration.GetSection("Timeliness"))
            .Validate(o => o.TargetDays.Values.All(d => d > 0), "Timeliness:TargetDays must be positive whole days.").ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var directory = configuration["Workflows:Path"] is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "workflows");
            var active = configuration.GetSection("Workflows:Active").GetChildren()
                .ToDictionary(
                    s => s.Key,
                    s => int.TryParse(s.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version >= 1
                        ? version
                        : throw new InvalidOperationException($"Workflows__Active__{s.Key} must be a version number, not '{s.Value}'."),
                    StringComparer.Ordinal);
            return new WorkflowRegistry(directory, active, CaseActions.Keys, StageEffects.Keys);
        });
        return services;
    }

    /// <summary>
    /// The entries of a list or map setting that the binder would skip without a word: a value that is not a whole number,
    /// or, for a map, a key it does not know (<paramref name="keys"/>).
    /// </summary>
    private static void RequireWholeNumbers(IConfiguration configuration, string section, IReadOnlyCollection<string>? keys)
    {
        foreach (var entry in configuration.GetSection(section).GetChildren())
        {
            var setting = $"{section.Replace(":", "__", StringComparison.Ordinal)}__{entry.Key}";
            if (keys is not null && !keys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{setting} is not a setting: the keys are {string.Join(", ", keys)}.");
            }

            if (!int.TryParse(entry.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidOperationException($"{setting} must be a whole number of days, not '{entry.Value}'.");
            }
        }
    }

    private static IEnumerable<(Type Service, Type Implementation)> ClosedImplementations(Assembly assembly, Type openInterface) =>
        from type in assembly.GetTypes()
        where type is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && service.GetGenericTypeDefinition() == openInterface
        select (service, type);
}
