import { Select, type RefSelectProps, type SelectProps } from 'antd';
import { forwardRef } from 'react';

/**
 * A Select for a required form field. Form.Item marks a required field's control with aria-required, which axe refuses
 * on the Select's wrapper element (it has no role); the required rule and its message stay.
 */
export const RequiredSelect = forwardRef<RefSelectProps, SelectProps & { 'aria-required'?: unknown }>(
  function RequiredSelect({ 'aria-required': _required, ...props }, ref) {
    return <Select ref={ref} {...props} />;
  },
);
