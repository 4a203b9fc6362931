using ClearanceWorkflow.Application;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClearanceWorkflow.UnitTests.Application;

/// <summary>MediatR 5 has no DI package, so the handler scan is ours (ADR 1): every request type has exactly one handler registered.</summary>
public class HandlerRegistrationTests
{
    [Test]
    public void EveryRequestTypeOfTheApplication_HasExactlyOneRegisteredHandler()
    {
        var services = new ServiceCollection().AddClearanceApplication(new ConfigurationBuilder().Build());
        var requests = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).Select(i => (Request: t, Response: i.GetGenericArguments()[0])))
            .ToList();

        var missing = requests
            .Where(r => services.Count(d => d.ServiceType == typeof(IRequestHandler<,>).MakeGenericType(r.Request, r.Response)) != 1)
            .Select(r => r.Request.FullName)
            .ToList();

        Assert.That(requests, Has.Count.GreaterThan(30));
        Assert.That(missing, Is.Empty);
    }
}
