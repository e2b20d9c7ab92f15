// Data hooks of the centre's and admin's pages: institutions, compliance, users, policies.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@jianding/api-client';
import { api, unwrap } from './client';

export type InstitutionListQuery = NonNullable<paths['/api/v1/institutions']['get']['parameters']['query']>;
export type UserListQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type CreateInstitutionBody = NonNullable<
  paths['/api/v1/institutions']['post']['requestBody']
>['content']['application/json'];
export type UpdateInstitutionBody = NonNullable<
  paths['/api/v1/institutions/{id}']['patch']['requestBody']
>['content']['application/json'];
export type CreateUserBody = NonNullable<paths['/api/v1/users']['post']['requestBody']>['content']['application/json'];
export type UpdateUserBody = NonNullable<
  paths['/api/v1/users/{id}']['patch']['requestBody']
>['content']['application/json'];

export type CreatePolicyBody = NonNullable<
  paths['/api/v1/policies']['post']['requestBody']
>['content']['application/json'];

export const centreKeys = {
  institutions: (q: InstitutionListQuery) => ['institutions', q] as const,
  users: (q: UserListQuery) => ['users', q] as const,
  policies: ['policies'] as const,
  allCompliance: (policy?: string) => ['compliance-all', policy ?? ''] as const,
  bankCompliance: (occupation: string, level: string, policy?: string) =>
    ['compliance', occupation, level, policy ?? ''] as const,
};

export const useInstitutions = (q: InstitutionListQuery, enabled = true) =>
  useQuery({
    queryKey: centreKeys.institutions(q),
    enabled,
    queryFn: () => unwrap(api.GET('/api/v1/institutions', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

export function useInstitutionMutations() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['institutions'] });
  return {
    create: useMutation({
      mutationFn: (body: CreateInstitutionBody) => unwrap(api.POST('/api/v1/institutions', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateInstitutionBody }) =>
        unwrap(api.PATCH('/api/v1/institutions/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

export const useUsers = (q: UserListQuery) =>
  useQuery({
    queryKey: centreKeys.users(q),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: q } })),
    placeholderData: (prev) => prev,
  });

export function useUserMutations() {
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: ['users'] });
  return {
    create: useMutation({
      mutationFn: (body: CreateUserBody) => unwrap(api.POST('/api/v1/users', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) =>
        unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

export const usePolicies = () =>
  useQuery({ queryKey: centreKeys.policies, queryFn: () => unwrap(api.GET('/api/v1/policies')) });

export function useCreatePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePolicyBody) => unwrap(api.POST('/api/v1/policies', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: centreKeys.policies }),
  });
}

export const useAllCompliance = (policy?: string) =>
  useQuery({
    queryKey: centreKeys.allCompliance(policy),
    queryFn: () => unwrap(api.GET('/api/v1/compliance', { params: { query: policy ? { policy } : {} } })),
    placeholderData: (prev) => prev,
  });

export const useBankCompliance = (occupation: string, level: string, policy?: string) =>
  useQuery({
    queryKey: centreKeys.bankCompliance(occupation, level, policy),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/banks/{occupation}/{level}/compliance', {
          params: { path: { occupation, level }, query: policy ? { policy } : {} },
        }),
      ),
  });
