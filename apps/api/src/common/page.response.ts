import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { Page } from './paging';

const pages = new Map<Type, Type>();

/** The response of a list route, `{items, total, page, pageSize}`, as a schema named `<Item>Page`. */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  let page = pages.get(item);
  if (!page) {
    class PageResponse implements Page<T> {
      @ApiProperty({ type: [item] })
      items!: T[];

      @ApiProperty({ description: 'Rows matching the filter, over all pages' })
      total!: number;

      @ApiProperty()
      page!: number;

      @ApiProperty()
      pageSize!: number;
    }
    Object.defineProperty(PageResponse, 'name', { value: `${item.name}Page` });
    page = PageResponse;
    pages.set(item, page);
  }
  return page as Type<Page<T>>;
}

const lists = new Map<Type, Type>();

/** The response of an unpaged list route, `{items, total}`, as a schema named `<Item>List`. */
export function ListOf<T>(item: Type<T>): Type<{ items: T[]; total: number }> {
  let list = lists.get(item);
  if (!list) {
    class ListResponse {
      @ApiProperty({ type: [item] })
      items!: T[];

      @ApiProperty()
      total!: number;
    }
    Object.defineProperty(ListResponse, 'name', { value: `${item.name}List` });
    list = ListResponse;
    lists.set(item, list);
  }
  return list as Type<{ items: T[]; total: number }>;
}
