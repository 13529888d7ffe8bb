// The one way the console draws charts: ECharts, tree-shaken to the parts used here, created on
// mount, resized with its container, re-rendered when the option changes, disposed on unmount.
import { onBeforeUnmount, onMounted, watch, type Ref } from 'vue'
import * as echarts from 'echarts/core'
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

const FONT = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif"

export function useEcharts(el: Ref<HTMLElement | null>, option: () => ChartOption | null): void {
  let chart: echarts.ECharts | null = null
  let observer: ResizeObserver | null = null

  function render(): void {
    const next = option()
    if (!chart || !next) return
    // Tooltips are drawn on the canvas: ECharts' HTML tooltips are built from inline style
    // attributes, which the server's Content-Security-Policy (style-src 'self') refuses.
    const tooltip = next.tooltip && !Array.isArray(next.tooltip) ? { ...next.tooltip, renderMode: 'richText' as const } : next.tooltip
    chart.setOption({ textStyle: { fontFamily: FONT }, ...next, tooltip }, { notMerge: true })
  }

  onMounted(() => {
    if (!el.value) return
    chart = echarts.init(el.value, undefined, { renderer: 'canvas' })
    observer = new ResizeObserver(() => chart?.resize())
    observer.observe(el.value)
    render()
  })

  watch(option, render)

  onBeforeUnmount(() => {
    observer?.disconnect()
    observer = null
    chart?.dispose()
    chart = null
  })
}
