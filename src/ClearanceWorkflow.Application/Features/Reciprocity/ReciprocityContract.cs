using System.Text.Json.Serialization;
using ClearanceWorkflow.Domain;

namespace ClearanceWorkflow.Application.Features.Reciprocity;

// The reciprocity answer is a contract of its own, built field by field: no entity is ever serialized to a
// partner. Adding a property here widens what partners learn about a subject; the allow-list test in
// tests/ClearanceWorkflow.IntegrationTests/Reciprocity fails until it is documented.

/// <summary><c>{ "match": false }</c>, or a match with the minimal facts about the clearance.</summary>
public sealed record ReciprocityAnswer(
    bool Match,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReciprocityClearance? Clearance)
{
    public static readonly ReciprocityAnswer NoMatch = new(false, null);
}

/// <summary>
/// What a partner learns about a matched subject's clearance, and nothing else. <see cref="Level"/> and its
/// equivalents never exceed the agreement's maximum level (<see cref="ReciprocityRules.DisclosedLevel"/>).
/// An interim clearance answers with status Interim and no <c>investigationClosedOn</c> (its investigation runs).
/// </summary>
public sealed record ReciprocityClearance(
    ClearanceLevel Level,
    ClearanceStatus Status,
    DateOnly GrantedOn,
    DateOnly? InvestigationClosedOn,
    string GrantingAgency,
    bool HasException,
    bool EligibleForRequiredLevel,
    string NatoEquivalent,
    string EuEquivalent,
    bool InvestigationOutOfScope);

/// <summary>The answers to a batch, in the order of the subjects asked.</summary>
public sealed record ReciprocityBatchAnswer(IReadOnlyList<ReciprocityBatchResult> Results);

/// <summary>One subject's answer, under the partner's own correlation id.</summary>
public sealed record ReciprocityBatchResult(
    string CorrelationId,
    bool Match,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReciprocityClearance? Clearance);
