using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ClearanceWorkflow.Application.Workflows;
using ClearanceWorkflow.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ClearanceWorkflow.Api.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, the contract clients are generated from (docs/api.md):
/// unique schema names, the bearer scheme on secured operations, one path per workflow action with its own body,
/// and examples for the main bodies.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    private const string BearerScheme = "bearer";
    private const string ActionRoute = "/api/v1/cases/{id}/actions/{action}";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaId;
            o.AddSchemaTransformer(EnumNames);
            o.AddSchemaTransformer(TimesAreStrings);
            o.AddOperationTransformer(DescribeOperation);
            o.AddDocumentTransformer(DescribeService);
            o.AddDocumentTransformer(ActionPathsAsync);
        });

    /// <summary>
    /// A nested type is named after its declaring type (<c>CreatePartner.Command</c> is <c>CreatePartnerCommand</c>), so the many
    /// <c>Command</c>s, <c>Query</c>s and <c>Body</c>s stay apart; a name the declaring type already ends with is not repeated
    /// (<c>ReciprocityBatchQuery.Query</c> is <c>ReciprocityBatchQuery</c>).
    /// </summary>
    public static string? SchemaId(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
        var type = Nullable.GetUnderlyingType(typeInfo.Type) ?? typeInfo.Type;
        return id is null || type.IsGenericType ? id : NameOf(type, id);
    }

    private static string NameOf(Type type, string id) => type.DeclaringType is not { } outer ? id
        : outer.Name.EndsWith(type.Name, StringComparison.Ordinal) ? outer.Name : outer.Name + type.Name;

    /// <summary>An enum's names, which the service's own enum converter (<c>SingleEnumNames</c>) does not describe to the schema generator; for a list of an enum, its items'.</summary>
    private static Task EnumNames(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
        {
            var names = Enum.GetNames(enumType).Select(name => (JsonNode)JsonValue.Create(name));
            // A nullable one also allows JSON null, written as a null entry of the list.
            schema.Enum = [.. type == enumType ? names : names.Append(null!)];
        }
        else if (schema.Items is null && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            && type.IsGenericType && type.GetGenericArguments() is [{ IsEnum: true } item])
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames(item).Select(name => (JsonNode)JsonValue.Create(name))] };
        }

        return Task.CompletedTask;
    }

    /// <summary>A time is a string of format date-time, which the service's own time converters (<c>UtcDateTime</c>, <c>UtcUnlessOffset</c>) do not tell the schema generator.</summary>
    private static Task TimesAreStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if ((Nullable.GetUnderlyingType(type) ?? type) is var time && (time == typeof(DateTime) || time == typeof(DateTimeOffset)) && schema.Type is null)
        {
            // A query parameter is absent rather than null.
            var queryParameter = context.JsonPropertyInfo is null && context.ParameterDescription?.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Query;
            schema.Type = type == time || queryParameter ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Secured operations name the bearer scheme; their 401 and 403 come with <see cref="Endpoints.EndpointExtensions.RequireRoles"/>.
    /// A public one says so with an empty security requirement.
    /// </summary>
    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
            if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
            {
                DescribeIdempotency(operation);
            }
        }
        else if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
        }

        // A PDF is binary, not the base64 text byte[] would be in JSON.
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue(Endpoints.ClearanceEndpoints.PdfType, out var pdf) == true)
        {
            pdf.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }

        if (operation.OperationId == "getCase" && operation.Responses?.TryGetValue("200", out var found) == true && found is OpenApiResponse view)
        {
            view.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            view.Headers["ETag"] = new OpenApiHeader { Description = "The case's version, for `If-Match` on its actions.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        if (operation.OperationId == "performAction")
        {
            Header(operation, "If-Match", "Act only if the case is still the version its `ETag` named: otherwise 412. `*` or no header acts on the case as it is now.", null);
        }

        if (operation.Responses is { Count: > 1 } responses)
        {
            var sorted = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in sorted)
            {
                responses.Add(status, response);
            }
        }

        if (operation.OperationId is { } id && ApiExamples.RequestBodies.TryGetValue(id, out var example)
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonNode.Parse(example);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every secured POST takes an <c>Idempotency-Key</c> (Idempotency middleware; README, Retries and concurrency).</summary>
    private static void DescribeIdempotency(OpenApiOperation operation)
    {
        Header(operation, "Idempotency-Key", "Retry with the same key to get the first answer again, with nothing done twice (24 h). 1-255 printable ASCII characters.", 255);
        operation.Responses ??= [];
        operation.Responses.TryAdd("409", Problem("The case changed meanwhile, or the first request with this Idempotency-Key is still running (see Retry-After)."));
        operation.Responses.TryAdd("422", Problem("The Idempotency-Key was used with another request."));
    }

    private static void Header(OpenApiOperation operation, string name, string description, int? maxLength)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.All(p => p.Name != name))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = false,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
            });
        }
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), null) },
        },
    };

    private static Task DescribeService(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "ClearanceWorkflow API",
            Version = "1",
            Description = "Security-clearance case management: applications, background checks, adjudication, reciprocity. "
                + "Every /api route takes a bearer JWT; errors are RFC 9457 problem details.",
        };
        // The document is the same on every host: clients set their base address themselves.
        document.Servers = [new OpenApiServer { Url = "/", Description = "the service that serves this document" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT from the configured issuer, with roles in `roles` (and `partner_id` on partner tokens).",
        };
        document.Tags = new HashSet<OpenApiTag>(
            ApiExamples.Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The action route takes any action the workflow definitions name. The document shows one path per action instead, with
    /// the body of the action's request class (its nested <c>Body</c>, or none), so a generated client has one typed call per action.
    /// Actions only the service performs (role <c>system</c> alone: deadlines, automatic actions) are left out.
    /// </summary>
    private static async Task ActionPathsAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Paths is null || !document.Paths.Remove(ActionRoute, out var generic) || generic.Operations?[HttpMethod.Post] is not OpenApiOperation template)
        {
            return;
        }

        var catalog = context.ApplicationServices.GetRequiredService<WorkflowRegistry>().Catalog;
        // The active version first, then older ones that open cases may still run on, newest first.
        var actions = catalog.Names
            .SelectMany(name => catalog.Versions(name).Select(version => (Definition: catalog.Get(name, version), IsActive: version == catalog.Active(name).Version))
                .OrderByDescending(d => d.IsActive).ThenByDescending(d => d.Definition.Version)
                .SelectMany(d => d.Definition.Actions.Select(a => (Action: a, Note: d.IsActive ? string.Empty : $"For cases on workflow version {d.Definition.Version}: "))))
            .Where(x => x.Action.Roles.Any(r => r != Domain.Roles.System))
            .GroupBy(x => x.Action.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var actionPaths = new List<KeyValuePair<string, IOpenApiPathItem>>();
        foreach (var group in actions)
        {
            var action = group.First().Action;
            var bodyType = Application.DependencyInjection.CaseActions[action.Request].GetNestedType("Body") ?? typeof(EmptyBody);
            var media = new OpenApiMediaType { Schema = await ComponentAsync(bodyType, document, context, cancellationToken) };
            if (ApiExamples.ActionBodies.TryGetValue(action.Name, out var example))
            {
                media.Example = JsonNode.Parse(example);
            }

            var operation = new OpenApiOperation
            {
                OperationId = "action" + string.Concat(action.Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
                Summary = $"Action '{action.Name}'",
                Description = string.Join(" ", group.Select(x => (x.Note, Text: Describe(x.Action))).DistinctBy(x => x.Text).Select(x => x.Note + x.Text))
                    + " 403 for another role, 409 when the action is not available now. "
                    + "The workflow definition decides; `availableActions` on the case lists what the caller may do.",
                Tags = template.Tags,
                Security = template.Security,
                Parameters = template.Parameters?.Where(p => p.Name != "action").ToList(),
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = media },
                },
                Responses = template.Responses,
            };
            actionPaths.Add(new(ActionRoute.Replace("{action}", action.Name, StringComparison.Ordinal), new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation },
            }));
        }

        // In the place of the generic route, after the case itself.
        var paths = document.Paths.ToList();
        var at = paths.FindIndex(p => p.Key == "/api/v1/cases/{id}") + 1;
        paths.InsertRange(at, actionPaths);
        document.Paths.Clear();
        foreach (var (path, item) in paths)
        {
            document.Paths.Add(path, item);
        }
    }

    /// <summary>
    /// The type's schema as a component. Schemas made here inline what they nest, so nested enums and records are made
    /// components too and referenced as the framework does for the endpoints' own bodies (nullable: null or the reference).
    /// </summary>
    private static async Task<OpenApiSchemaReference> ComponentAsync(Type type, OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var id = NameOf(type, type.Name);
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            var schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            document.AddComponent<IOpenApiSchema>(id, schema);
            foreach (var property in type.GetProperties())
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                var named = propertyType.IsEnum || (propertyType.IsClass && propertyType != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType));
                if (named && schema.Properties?.ContainsKey(name) == true)
                {
                    var reference = await ComponentAsync(propertyType, document, context, cancellationToken);
                    schema.Properties[name] = new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] };
                }
            }
        }

        return new OpenApiSchemaReference(id, document);
    }

    private static string Describe(ActionDefinition action)
    {
        var to = action.To is null ? "stays in its stage" : $"moves to `{action.To}`";
        var status = action.Status is null ? string.Empty : $", status `{action.Status}`";
        var exempt = action.OwnershipExemptStages.Count == 0 ? string.Empty : $", except in {string.Join(", ", action.OwnershipExemptStages.Select(s => $"`{s}`"))}";
        var exemptRoles = action.OwnershipExemptRoles.Count == 0 ? string.Empty : $", not for {string.Join(", ", action.OwnershipExemptRoles)}";
        var owner = action.Ownership.Kind == OwnershipKind.Any ? string.Empty : $" (ownership `{action.Ownership}`{exemptRoles}{exempt})";
        var separate = action.SeparateFrom.Count == 0 ? string.Empty : $" (not by whoever performed {string.Join(", ", action.SeparateFrom.Select(a => $"`{a}`"))})";
        var when = action.WhenStatus.Count == 0 ? string.Empty : $" while the status is {string.Join(" or ", action.WhenStatus.Select(s => $"`{s}`"))}";
        return $"From stage {string.Join(", ", action.From.Select(s => $"`{s}`"))}{when}, for {string.Join(", ", action.Roles)}{owner}{separate}: the case {to}{status}.";
    }
}
